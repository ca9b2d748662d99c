package io.stepstream.connectors.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import io.stepstream.connectors.TaskOutcome;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/** What the publishing connectors share: AWS's response metadata, parameter reading, settings maps. */
final class AwsResponses {
    private AwsResponses() {}

    /** Adds SdkHttpMetadata and SdkResponseMetadata as the AWS SDK reports them for a 200 answer. */
    static ObjectNode withMetadata(ObjectNode result, String contentType) {
        String requestId = UUID.randomUUID().toString();
        ObjectNode http = result.putObject("SdkHttpMetadata");
        ObjectNode all = http.putObject("AllHttpHeaders");
        ObjectNode single = http.putObject("HttpHeaders");
        Map<String, String> headers = Map.of("x-amzn-RequestId", requestId, "Content-Type", contentType,
                "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        new java.util.TreeMap<>(headers).forEach((k, v) -> {
            all.putArray(k).add(v);
            single.put(k, v);
        });
        http.put("HttpStatusCode", 200);
        result.putObject("SdkResponseMetadata").put("RequestId", requestId);
        return result;
    }

    /** A message body as the AWS integrations send it: text as is, any other JSON serialised. */
    static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : Json.write(value);
    }

    /** The Kafka topic a name maps to in {@code mapping}, else the name itself. */
    static String topic(JsonNode mapping, String key, String fallback) {
        JsonNode mapped = mapping.get(key);
        return mapped != null && mapped.isTextual() ? mapped.asText() : fallback;
    }

    /** SNS/SQS MessageAttributes ({@code {"name": {"DataType": ..., "StringValue": ...}}}) as record headers. */
    static Map<String, String> attributes(JsonNode attributes) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            headers.put(e.getKey(), v.has("StringValue") ? v.get("StringValue").asText()
                    : v.has("BinaryValue") ? v.get("BinaryValue").asText() : text(v));
        }
        return headers;
    }

    /** The failure of a send, named {@code <Service>.<exception>} as AWS names service errors. */
    static TaskOutcome failed(String service, String exception, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return TaskOutcome.failed(service + "." + exception, String.valueOf(cause.getMessage())
                + " (Service: " + service + "; Error Code: " + cause.getClass().getSimpleName() + ")");
    }
}
