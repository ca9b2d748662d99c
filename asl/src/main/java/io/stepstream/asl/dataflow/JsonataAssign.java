package io.stepstream.asl.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Environment;
import io.stepstream.asl.jsonata.JsonataEnvironment;
import io.stepstream.asl.jsonata.JsonataTemplate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Assign in a JSONata state: a template whose top-level keys are the variables.
 *
 * @param inCatcher the template reads {@code $states.errorOutput} rather than {@code $states.result}
 */
public record JsonataAssign(JsonataTemplate template, boolean inCatcher) implements Assign {

    @Override
    public Map<String, JsonNode> evaluate(JsonNode rawInput, JsonNode result, Environment env) {
        JsonataEnvironment jenv = JsonataDataflow.environment(rawInput, env);
        jenv = inCatcher ? jenv.withErrorOutput(result) : jenv.withResult(result);
        JsonNode values = template.evaluate(jenv);
        Map<String, JsonNode> assigned = new LinkedHashMap<>();
        values.properties().forEach(e -> assigned.put(e.getKey(), e.getValue()));
        return assigned;
    }
}
