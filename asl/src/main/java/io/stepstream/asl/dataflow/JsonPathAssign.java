package io.stepstream.asl.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Environment;
import io.stepstream.asl.path.PayloadTemplate;
import java.util.LinkedHashMap;
import java.util.Map;

/** Assign in a JSONPath state: a payload template whose top-level keys are the variables. */
public record JsonPathAssign(PayloadTemplate template) implements Assign {

    @Override
    public Map<String, JsonNode> evaluate(JsonNode rawInput, JsonNode result, Environment env) {
        JsonNode values = template.evaluate(env.bindings(result), env.entropy());
        Map<String, JsonNode> assigned = new LinkedHashMap<>();
        values.properties().forEach(e -> assigned.put(e.getKey(), e.getValue()));
        return assigned;
    }
}
