package io.stepstream.asl.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Environment;
import io.stepstream.asl.jsonata.JsonataTemplate;

/** A JSONata Catcher's Output over {@code $states.errorOutput}; absent, the Error Output itself. */
public record JsonataCatchOutput(JsonataTemplate output) implements CatchOutput {

    @Override
    public JsonNode output(JsonNode rawInput, JsonNode errorOutput, Environment env) {
        return output == null ? errorOutput
                : output.evaluate(JsonataDataflow.environment(rawInput, env).withErrorOutput(errorOutput));
    }
}
