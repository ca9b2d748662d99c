package io.stepstream.connectors.publish;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.connectors.Connector;
import io.stepstream.connectors.ConnectorContext;
import io.stepstream.connectors.ConnectorException;
import io.stepstream.connectors.TaskInvocation;
import io.stepstream.connectors.TaskOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Stepstream's own {@code arn:stepstream:states:::kafka:produce[.waitForTaskToken]}: Parameters
 * {@code Topic} (required), {@code Key} (text), {@code Headers} (object of text), {@code Value}
 * (text as is, any other JSON serialised). Result: {@code {Topic, Partition, Offset, Timestamp}}
 * of the written record. Failures are {@code Kafka.<exception class>}.
 */
public final class KafkaProduceConnector implements Connector {
    private final KafkaPublisher publisher;

    public KafkaProduceConnector(ConnectorContext context) {
        this.publisher = new KafkaPublisher(context.config(), Map.of());
    }

    @Override
    public CompletionStage<TaskOutcome> invoke(TaskInvocation task) throws ConnectorException {
        JsonNode p = task.input();
        if (!p.path("Topic").isTextual() || !p.has("Value")) {
            throw new ConnectorException("Kafka.InvalidParameterException", "Topic and Value are required");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        p.path("Headers").fields().forEachRemaining(e -> headers.put(e.getKey(), AwsResponses.text(e.getValue())));
        return publisher.send(p.get("Topic").asText(), p.path("Key").isNull() ? null : p.path("Key").asText(null),
                AwsResponses.text(p.get("Value")), headers).handle((metadata, error) -> {
                    if (error != null) {
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        return TaskOutcome.failed("Kafka." + cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()));
                    }
                    return TaskOutcome.succeeded(Json.NODES.objectNode().put("Topic", metadata.topic())
                            .put("Partition", metadata.partition()).put("Offset", metadata.offset())
                            .put("Timestamp", metadata.timestamp()));
                });
    }

    @Override
    public void close() {
        publisher.close();
    }
}
