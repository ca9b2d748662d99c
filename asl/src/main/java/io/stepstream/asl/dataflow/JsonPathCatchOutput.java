package io.stepstream.asl.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Environment;

/** A JSONPath Catcher's ResultPath: where the Error Output goes in the raw input (default: replace it). */
public record JsonPathCatchOutput(JsonPathDataflow.ResultPathField resultPath) implements CatchOutput {

    @Override
    public JsonNode output(JsonNode rawInput, JsonNode errorOutput, Environment env) {
        return resultPath.apply(rawInput, errorOutput);
    }
}
