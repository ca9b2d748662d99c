package io.stepstream.asl.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Environment;

/** How a Catcher turns the Error Output into the state output: ResultPath or JSONata Output. */
public interface CatchOutput {

    JsonNode output(JsonNode rawInput, JsonNode errorOutput, Environment env);
}
