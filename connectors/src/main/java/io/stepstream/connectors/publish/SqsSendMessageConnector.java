package io.stepstream.connectors.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import io.stepstream.connectors.Connector;
import io.stepstream.connectors.ConnectorContext;
import io.stepstream.connectors.ConnectorException;
import io.stepstream.connectors.TaskInvocation;
import io.stepstream.connectors.TaskOutcome;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * {@code arn:aws:states:::sqs:sendMessage[.waitForTaskToken]} to a Kafka topic: Parameters
 * {@code QueueUrl}, {@code MessageBody} (text, or JSON that is serialised), {@code MessageAttributes},
 * {@code MessageGroupId} (the record key). The topic is {@code queues[QueueUrl]} from the settings,
 * else the queue's name (the URL's last segment). Result: {@code {MD5OfMessageBody, MessageId,
 * SdkHttpMetadata, SdkResponseMetadata}} like AWS's.
 */
public final class SqsSendMessageConnector implements Connector {
    private final JsonNode queues;
    private final KafkaPublisher publisher;

    public SqsSendMessageConnector(ConnectorContext context) {
        this.queues = context.settings().path("queues");
        this.publisher = new KafkaPublisher(context.config(), Map.of());
    }

    @Override
    public CompletionStage<TaskOutcome> invoke(TaskInvocation task) throws ConnectorException {
        JsonNode p = task.input();
        String url = p.path("QueueUrl").asText(null);
        if (url == null || !p.has("MessageBody")) {
            throw new ConnectorException("SQS.AmazonSQSException", "QueueUrl and MessageBody are required");
        }
        String topic = AwsResponses.topic(queues, url, url.substring(url.lastIndexOf('/') + 1));
        String body = AwsResponses.text(p.get("MessageBody"));
        String key = p.path("MessageGroupId").asText(null);
        return publisher.send(topic, key, body, AwsResponses.attributes(p.path("MessageAttributes")))
                .handle((metadata, error) -> {
                    if (error != null) {
                        return AwsResponses.failed("SQS", "AmazonSQSException", error);
                    }
                    ObjectNode result = Json.NODES.objectNode().put("MD5OfMessageBody", md5(body))
                            .put("MessageId", UUID.randomUUID().toString());
                    return TaskOutcome.succeeded(AwsResponses.withMetadata(result, "text/xml"));
                });
    }

    static String md5(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return String.format("%032x", new BigInteger(1, digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        publisher.close();
    }
}
