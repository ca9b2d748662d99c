package io.stepstream.connectors.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The shapes AWS gives Lambda results and errors: the Invoke response that
 * {@code arn:aws:states:::lambda:invoke} returns, and the error/cause of a function error.
 */
public final class LambdaResults {
    private LambdaResults() {}

    /** The function's payload wrapped as AWS's lambda:invoke result, with synthesised HTTP metadata. */
    public static JsonNode invokeResponse(JsonNode payload) {
        String requestId = UUID.randomUUID().toString();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Connection", "keep-alive");
        headers.put("Content-Type", "application/json");
        headers.put("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        headers.put("X-Amz-Executed-Version", "$LATEST");
        headers.put("x-amzn-Remapped-Content-Length", "0");
        headers.put("x-amzn-RequestId", requestId);
        headers.put("X-Amzn-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + requestId.replace("-", "").substring(0, 24) + ";Sampled=0");
        headers.put("Content-Length", String.valueOf(Json.write(payload).getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        return invokeResponse(payload, headers, requestId, 200);
    }

    /** The lambda:invoke result from a real Invoke response's headers. */
    static JsonNode invokeResponse(JsonNode payload, Map<String, String> headers, String requestId, int status) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("ExecutedVersion", headers.getOrDefault("X-Amz-Executed-Version", "$LATEST"));
        out.set("Payload", payload);
        ObjectNode http = out.putObject("SdkHttpMetadata");
        ObjectNode all = http.putObject("AllHttpHeaders");
        ObjectNode single = http.putObject("HttpHeaders");
        headers.forEach((name, value) -> {
            all.putArray(name).add(value);
            single.put(name, value);
        });
        http.put("HttpStatusCode", status);
        out.putObject("SdkResponseMetadata").put("RequestId", requestId);
        out.put("StatusCode", status);
        return out;
    }

    /**
     * A function error as the task error: error = the body's {@code errorType}, cause = the body
     * itself as a string, as AWS reports it for both Lambda resources.
     */
    public static io.stepstream.connectors.TaskOutcome.Failed functionError(String body) {
        String errorType = null;
        try {
            JsonNode parsed = Json.parse(body);
            if (parsed.path("errorType").isTextual()) {
                errorType = parsed.get("errorType").asText();
            }
        } catch (RuntimeException notJson) {
            // the cause is the body as it came
        }
        return new io.stepstream.connectors.TaskOutcome.Failed(errorType != null ? errorType : "Lambda.Unknown", body);
    }

    /** The error body a Lambda runtime writes for an exception: errorMessage, errorType, stackTrace. */
    static String errorBody(String errorType, String errorMessage, StackTraceElement[] trace) {
        ObjectNode body = Json.NODES.objectNode();
        body.put("errorMessage", errorMessage);
        body.put("errorType", errorType);
        var stack = body.putArray("stackTrace");
        for (StackTraceElement e : trace) {
            stack.add(e.toString());
        }
        return Json.write(body);
    }
}
