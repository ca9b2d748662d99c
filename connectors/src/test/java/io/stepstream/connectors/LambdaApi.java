package io.stepstream.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.connectors.lambda.LambdaFunction;
import io.stepstream.connectors.lambda.LambdaFunctionException;
import java.util.Map;
import java.util.UUID;

/**
 * Serves functions over the Lambda Invoke API as the runtime interface emulator does:
 * {@code POST /2015-03-31/functions/NAME/invocations}, the payload as body; a function error is
 * answered 200 with {@code X-Amz-Function-Error: Unhandled} and {errorMessage, errorType, stackTrace}.
 */
final class LambdaApi {
    private LambdaApi() {}

    static FakeServer serve(Map<String, LambdaFunction> functions) {
        return new FakeServer(request -> {
            String[] parts = request.path().split("/");
            if (!request.method().equals("POST") || parts.length != 5 || !parts[4].equals("invocations")) {
                return new FakeServer.Reply(404, Map.of(), "");
            }
            LambdaFunction function = functions.get(parts[3]);
            String requestId = UUID.randomUUID().toString();
            if (function == null) {
                return new FakeServer.Reply(404, Map.of("x-amzn-ErrorType", "ResourceNotFoundException",
                        "x-amzn-RequestId", requestId, "Content-Type", "application/json"),
                        "{\"Type\":\"User\",\"message\":\"Function not found: " + parts[3] + "\"}");
            }
            try {
                JsonNode result = function.handle(Json.parse(request.body()));
                return new FakeServer.Reply(200, Map.of("Content-Type", "application/json",
                        "X-Amz-Executed-Version", "$LATEST", "x-amzn-RequestId", requestId), Json.write(result));
            } catch (LambdaFunctionException e) {
                String body = Json.write(Json.NODES.objectNode().put("errorMessage", e.getMessage())
                        .put("errorType", e.errorType()).set("stackTrace", Json.NODES.arrayNode()));
                return new FakeServer.Reply(200, Map.of("Content-Type", "application/json",
                        "X-Amz-Function-Error", "Unhandled", "x-amzn-RequestId", requestId), body);
            }
        });
    }
}
