package io.stepstream.connectors.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import io.stepstream.connectors.Connector;
import io.stepstream.connectors.ConnectorContext;
import io.stepstream.connectors.ConnectorException;
import io.stepstream.connectors.TaskInvocation;
import io.stepstream.connectors.TaskOutcome;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * {@code arn:aws:states:::sns:publish[.waitForTaskToken]} to a Kafka topic: Parameters
 * {@code TopicArn} (or {@code TargetArn}), {@code Message} (text, or JSON that is serialised),
 * {@code Subject}, {@code MessageAttributes}, {@code MessageGroupId} (the record key). The topic is
 * {@code topics[TopicArn]} from the settings, else the SNS topic's name. Result:
 * {@code {MessageId, SdkHttpMetadata, SdkResponseMetadata}} like AWS's.
 */
public final class SnsPublishConnector implements Connector {
    private final JsonNode topics;
    private final KafkaPublisher publisher;

    public SnsPublishConnector(ConnectorContext context) {
        this.topics = context.settings().path("topics");
        this.publisher = new KafkaPublisher(context.config(), Map.of());
    }

    @Override
    public CompletionStage<TaskOutcome> invoke(TaskInvocation task) throws ConnectorException {
        JsonNode p = task.input();
        String arn = p.path("TopicArn").asText(p.path("TargetArn").asText(null));
        if (arn == null || !p.has("Message")) {
            throw new ConnectorException("SNS.InvalidParameterException",
                    "Invalid parameter: TopicArn (or TargetArn) and Message are required");
        }
        String topic = AwsResponses.topic(topics, arn, arn.substring(arn.lastIndexOf(':') + 1));
        Map<String, String> headers = AwsResponses.attributes(p.path("MessageAttributes"));
        if (p.path("Subject").isTextual()) {
            headers.put("Subject", p.get("Subject").asText());
        }
        String key = p.path("MessageGroupId").asText(null);
        return publisher.send(topic, key, AwsResponses.text(p.get("Message")), headers).handle((metadata, error) -> {
            if (error != null) {
                return AwsResponses.failed("SNS", "AmazonSNSException", error);
            }
            ObjectNode result = Json.NODES.objectNode().put("MessageId", UUID.randomUUID().toString());
            return TaskOutcome.succeeded(AwsResponses.withMetadata(result, "text/xml"));
        });
    }

    @Override
    public void close() {
        publisher.close();
    }
}
