package io.stepstream.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.schemas.avro.Completion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SNS, SQS, EventBridge and Kafka publishing to Kafka topics through the connectors plug-in. */
@ExtendWith(KafkaBrokerExtension.class)
class PublishConnectorsTest {
    private static TestEngine engine;
    private static Broker kafka;

    @BeforeAll
    static void start(Broker broker) throws Exception {
        kafka = broker;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("pub-orders", 1, (short) 1), new NewTopic("pub-jobs", 1, (short) 1),
                    new NewTopic("pub-events", 1, (short) 1), new NewTopic("pub-raw", 1, (short) 1),
                    new NewTopic("pub-approvals", 1, (short) 1))).all().get();
        }
        engine = TestEngine.start(broker, "publish-test", """
                {"sns": {"topics": {"arn:aws:sns:us-east-1:111111111111:orders": "pub-orders"}},
                 "sqs": {"queues": {"https://sqs.us-east-1.amazonaws.com/111111111111/jobs": "pub-jobs",
                                    "https://sqs.us-east-1.amazonaws.com/111111111111/approvals": "pub-approvals"}},
                 "events": {"buses": {"default": "pub-events"}},
                 "kafka": {}}""");
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    /** Reads records of {@code topic} from the start until {@code count} arrived. */
    private static List<ConsumerRecord<String, String>> read(String topic, int count) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void snsPublishWritesTheMessageAndAnswersWithAMessageId() throws Exception {
        JsonNode out = TestEngine.output(engine.run(TestEngine.task("arn:aws:states:::sns:publish", """
                "Parameters":{"TopicArn":"arn:aws:sns:us-east-1:111111111111:orders","Message.$":"$",
                  "Subject":"new order","MessageAttributes":{"kind":{"DataType":"String","StringValue":"order"}}}"""),
                "{\"id\":1}"));
        assertTrue(out.get("MessageId").isTextual());
        assertEquals(200, out.at("/SdkHttpMetadata/HttpStatusCode").asInt());
        assertTrue(out.at("/SdkResponseMetadata/RequestId").isTextual());
        ConsumerRecord<String, String> record = read("pub-orders", 1).get(0);
        assertEquals("{\"id\":1}", record.value());
        assertEquals("new order", header(record, "Subject"));
        assertEquals("order", header(record, "kind"));
    }

    @Test
    void sqsSendMessageAnswersWithTheBodysMd5() throws Exception {
        JsonNode out = TestEngine.output(engine.run(TestEngine.task("arn:aws:states:::sqs:sendMessage", """
                "Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/111111111111/jobs","MessageBody":"hello"}"""),
                "{}"));
        assertEquals("5d41402abc4b2a76b9719d911017c592", out.get("MD5OfMessageBody").asText());
        assertTrue(out.get("MessageId").isTextual());
        assertEquals("hello", read("pub-jobs", 1).get(0).value());
    }

    @Test
    void eventsPutEventsWritesEventBridgeEventsAndCountsFailures() throws Exception {
        JsonNode out = TestEngine.output(engine.run(TestEngine.task("arn:aws:states:::events:putEvents", """
                "Parameters":{"Entries":[{"Detail":{"id.$":"$.id"},"DetailType":"OrderPlaced","Source":"shop"},
                                         {"Detail":"{\\"b\\":2}","DetailType":"Other","Source":"shop"}]}"""),
                "{\"id\":9}"));
        assertEquals(0, out.get("FailedEntryCount").asInt());
        assertEquals(2, out.get("Entries").size());
        List<ConsumerRecord<String, String>> records = read("pub-events", 2);
        JsonNode first = Json.parse(records.get(0).value());
        assertEquals("OrderPlaced", first.get("detail-type").asText());
        assertEquals(9, first.at("/detail/id").asInt());
        assertEquals("111111111111", first.get("account").asText());
        assertEquals(out.at("/Entries/0/EventId").asText(), first.get("id").asText());
        assertEquals(2, Json.parse(records.get(1).value()).at("/detail/b").asInt());
    }

    @Test
    void kafkaProduceWritesKeyHeadersAndValue() throws Exception {
        JsonNode out = TestEngine.output(engine.run(TestEngine.task("arn:stepstream:states:::kafka:produce", """
                "Parameters":{"Topic":"pub-raw","Key.$":"$.id","Headers":{"source":"test"},"Value":{"v.$":"$.v"}}"""),
                "{\"id\":\"k1\",\"v\":3}"));
        assertEquals("pub-raw", out.get("Topic").asText());
        assertTrue(out.get("Offset").isNumber());
        ConsumerRecord<String, String> record = read("pub-raw", 1).get(0);
        assertEquals("k1", record.key());
        assertEquals("{\"v\":3}", record.value());
        assertEquals("test", header(record, "source"));
    }

    @Test
    void aMissingParameterFailsTheTaskWithTheServicesErrorName() throws Exception {
        Completion c = engine.run(TestEngine.task("arn:stepstream:states:::kafka:produce",
                "\"Parameters\":{\"Value\":1}"), "{}");
        assertEquals("Kafka.InvalidParameterException", c.getError());
        Completion sns = engine.run(TestEngine.task("arn:aws:states:::sns:publish",
                "\"Parameters\":{\"Message\":\"x\"}"), "{}");
        assertEquals("SNS.InvalidParameterException", sns.getError());
    }

    @Test
    void sqsSendMessageWaitForTaskTokenWaitsForWhoeverReadsTheMessage() throws Exception {
        String arn = engine.start(TestEngine.task("arn:aws:states:::sqs:sendMessage.waitForTaskToken", """
                "Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/111111111111/approvals",
                  "MessageBody":{"token.$":"$$.Task.Token","amount.$":"$.amount"}}"""), "{\"amount\":5}");
        JsonNode message = Json.parse(read("pub-approvals", 1).get(0).value());
        assertEquals(5, message.get("amount").asInt());
        engine.engine.client().sendTaskSuccess(message.get("token").asText(), "{\"approved\":true}");
        assertEquals(Json.parse("{\"approved\":true}"), TestEngine.output(engine.await(arn)));
    }
}
