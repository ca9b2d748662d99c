package io.stepstream.connectors.lambda;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Lambda function run in this process: gets the event, returns the result. To fail as a
 * function does, throw {@link LambdaFunctionException} (its errorType becomes the task error) or
 * any exception (its class's simple name does).
 */
@FunctionalInterface
public interface LambdaFunction {
    JsonNode handle(JsonNode event) throws Exception;
}
