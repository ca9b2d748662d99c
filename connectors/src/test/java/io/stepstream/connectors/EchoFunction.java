package io.stepstream.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.connectors.lambda.LambdaFunction;
import io.stepstream.connectors.lambda.LambdaFunctionException;

/** An in-process function named in configuration by class: echoes, or fails when the event says so. */
public final class EchoFunction implements LambdaFunction {
    @Override
    public JsonNode handle(JsonNode event) throws Exception {
        if (event.has("fail")) {
            throw new LambdaFunctionException("CustomError", event.get("fail").asText());
        }
        return Json.NODES.objectNode().set("echo", event);
    }
}
