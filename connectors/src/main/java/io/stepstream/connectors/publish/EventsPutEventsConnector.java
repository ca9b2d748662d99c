package io.stepstream.connectors.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import io.stepstream.connectors.Connector;
import io.stepstream.connectors.ConnectorContext;
import io.stepstream.connectors.ConnectorException;
import io.stepstream.connectors.TaskInvocation;
import io.stepstream.connectors.TaskOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code arn:aws:states:::events:putEvents[.waitForTaskToken]} to Kafka topics: each of the
 * Parameters' {@code Entries} ({@code Detail}, {@code DetailType}, {@code Source},
 * {@code EventBusName}, {@code Resources}, {@code Time}) becomes an EventBridge event
 * ({@code version, id, detail-type, source, account, time, region, resources, detail}) on the topic
 * {@code buses[EventBusName]} from the settings, else the bus's name ({@code default} when absent).
 * Result: {@code {Entries: [{EventId}], FailedEntryCount}}; an entry that cannot be sent is
 * reported in Entries with ErrorCode/ErrorMessage, as AWS reports partial failures.
 */
public final class EventsPutEventsConnector implements Connector {
    private final JsonNode buses;
    private final KafkaPublisher publisher;

    public EventsPutEventsConnector(ConnectorContext context) {
        this.buses = context.settings().path("buses");
        this.publisher = new KafkaPublisher(context.config(), Map.of());
    }

    @Override
    public CompletionStage<TaskOutcome> invoke(TaskInvocation task) throws ConnectorException {
        JsonNode entries = task.input().get("Entries");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            throw new ConnectorException("EventBridge.ValidationException", "Entries must be a non-empty array");
        }
        List<CompletableFuture<JsonNode>> sends = new ArrayList<>();
        for (JsonNode entry : entries) {
            String id = UUID.randomUUID().toString();
            String bus = entry.path("EventBusName").asText("default");
            String busName = bus.substring(bus.lastIndexOf('/') + 1);
            ObjectNode event = Json.NODES.objectNode().put("version", "0").put("id", id)
                    .put("detail-type", entry.path("DetailType").asText(""))
                    .put("source", entry.path("Source").asText(""))
                    .put("account", task.account())
                    .put("time", entry.path("Time").asText(Instant.now().toString().replaceAll("\\.\\d+Z$", "Z")))
                    .put("region", task.region());
            event.set("resources", entry.path("Resources").isArray() ? entry.get("Resources") : Json.NODES.arrayNode());
            JsonNode detail = entry.get("Detail");
            event.set("detail", detail == null ? Json.NODES.objectNode()
                    : detail.isTextual() ? parseOrText(detail.asText()) : detail);
            String topic = AwsResponses.topic(buses, bus, busName);
            sends.add(publisher.send(topic, id, Json.write(event), Map.of()).toCompletableFuture()
                    .handle((metadata, error) -> error == null ? Json.NODES.objectNode().put("EventId", id)
                            : Json.NODES.objectNode().put("ErrorCode", "InternalFailure")
                                    .put("ErrorMessage", String.valueOf(error.getMessage()))));
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).thenApply(done -> {
            ObjectNode result = Json.NODES.objectNode();
            ArrayNode out = result.putArray("Entries");
            int failed = 0;
            for (CompletableFuture<JsonNode> send : sends) {
                JsonNode e = send.join();
                failed += e.has("ErrorCode") ? 1 : 0;
                out.add(e);
            }
            result.put("FailedEntryCount", failed);
            return TaskOutcome.succeeded(result);
        });
    }

    private static JsonNode parseOrText(String text) {
        try {
            return Json.parse(text);
        } catch (RuntimeException e) {
            return Json.NODES.textNode(text);
        }
    }

    @Override
    public void close() {
        publisher.close();
    }
}
