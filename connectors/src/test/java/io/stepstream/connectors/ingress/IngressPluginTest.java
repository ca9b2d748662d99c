package io.stepstream.connectors.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.KafkaEngine;
import io.stepstream.runtime.client.EngineClient;
import io.stepstream.runtime.client.ExecutionOutcome;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.runtime.plugin.PluginContext;
import io.stepstream.schemas.avro.ExecutionStatus;
import io.stepstream.schemas.avro.HistoryEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ingress plug-in against a real broker, engine and HTTP server: topic rules (a record
 * delivered twice starts one execution; transforms), webhooks (asynchronous and synchronous) and
 * completion routes.
 */
@ExtendWith(KafkaBrokerExtension.class)
class IngressPluginTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PREFIX = "ingress-test";
    private static KafkaEngine engine;
    private static EngineClient client;
    private static AutoCloseable ingress;
    private static Admin admin;
    private static KafkaProducer<String, String> producer;
    private static final Map<String, AtomicInteger> started = new ConcurrentHashMap<>();
    private static AutoCloseable transitions;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(Broker broker) throws Exception {
        Path stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "streams-state")), PREFIX);
        EngineConfig config = EngineConfig.builder(broker.bootstrapServers()).prefix(PREFIX).partitions(2)
                .stateDir(stateDir).arnScope("us-east-1", "111111111111").taskTokenSecret(42)
                .timers(Duration.ofMillis(50), Duration.ofMillis(50)).build();
        engine = KafkaEngine.start(config);
        client = engine.client();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1), new NewTopic("signups", 1, (short) 1),
                new NewTopic("replayed", 1, (short) 1))).all().get();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer());
        engine.deploy("echo", """
                {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", MachineType.STANDARD);
        engine.deploy("slow", """
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":4,"End":true}}}""", MachineType.STANDARD);
        engine.deploy("slower", """
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":15,"End":true}}}""", MachineType.STANDARD);
        engine.deploy("quote", """
                {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"price.$":"States.MathAdd($.base, 1)"},
                 "End":true}}}""", MachineType.EXPRESS);
        engine.deploy("refuse", """
                {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Refused","Cause":"no quote"}}}""",
                MachineType.EXPRESS);
        transitions = client.onTransitions(batch -> {
            for (HistoryEvent e : batch.getEvents()) {
                if (e.getType().equals("ExecutionStarted")) {
                    started.computeIfAbsent(batch.getExecutionId(), k -> new AtomicInteger()).incrementAndGet();
                }
            }
        });
        ingress = new IngressPlugin().start(new PluginContext(config, client, Json.parse("""
                {"topicRules":[
                   {"name":"orders","topic":"orders","machine":"slow","executionName":"key"},
                   {"name":"signups","topic":"signups","machine":"echo",
                    "input":"{% {'email': $states.input.value.email, 'from': $states.input.topic & '/' & $states.input.offset, 'trace': $states.input.headers.trace} %}"}],
                 "webhooks":{"host":"127.0.0.1","port":0,"machines":{"echo":{"mode":"async"},"quote":{"mode":"async"},
                    "refuse":{"mode":"sync"}}},
                 "completions":{"startFrom":"earliest","routes":{"echo":{"topic":"echo.done","format":"json"},
                    "quote":"quote.done"}}}""")));
    }

    @AfterAll
    static void stop() throws Exception {
        ingress.close();
        transitions.close();
        producer.close();
        admin.close();
        engine.close();
    }

    private static String arn(String machine, String name, String kind) {
        return "arn:aws:states:us-east-1:111111111111:" + kind + ":" + machine + ":" + name;
    }

    @Test
    void aRecordProducedTwiceWithTheSameKeyStartsOneExecution() throws Exception {
        long duplicatesBefore = engine.metrics().duplicateStarts();
        producer.send(new ProducerRecord<>("orders", "order-1", "{\"id\":1}")).get();
        producer.send(new ProducerRecord<>("orders", "order-1", "{\"id\":1}")).get();

        ExecutionOutcome outcome = client.awaitOutcome(arn("slow", "order-1", "execution"), WAIT);

        assertEquals(ExecutionStatus.SUCCEEDED, outcome.status(), outcome.toString());
        assertEquals("{\"id\":1}", outcome.completion().getOutput());
        await(() -> committed("ingress-test.ingress.orders", "orders") >= 2, "both records consumed");
        assertEquals(1, started.get(arn("slow", "order-1", "execution")).get());
        assertEquals(duplicatesBefore + 1, engine.metrics().duplicateStarts());
    }

    @Test
    void aRedeliveredRecordNamesTheSameExecutionAndStartsNoSecond() throws Exception {
        producer.send(new ProducerRecord<>("replayed", null, "{\"n\":1}")).get();
        String settings = """
                {"topicRules":[{"name":"replayed","topic":"replayed","machine":"slower"}]}""";
        String execution = arn("slower", "replayed-0-0", "execution");
        long duplicatesBefore = engine.metrics().duplicateStarts();
        try (AutoCloseable first = new IngressPlugin().start(
                new PluginContext(engine.config(), client, Json.parse(settings)))) {
            await(() -> started.containsKey(execution), "the execution started");
            await(() -> committed("ingress-test.ingress.replayed", "replayed") >= 1, "the record committed");
        }
        // A consumer that lost its commit (a crash before it) reads the record again.
        admin.alterConsumerGroupOffsets("ingress-test.ingress.replayed",
                Map.of(new TopicPartition("replayed", 0), new OffsetAndMetadata(0))).all().get();

        try (AutoCloseable second = new IngressPlugin().start(
                new PluginContext(engine.config(), client, Json.parse(settings)))) {
            await(() -> engine.metrics().duplicateStarts() > duplicatesBefore, "the second start was a no-op");
        }

        assertEquals(ExecutionStatus.SUCCEEDED, client.awaitOutcome(execution, WAIT).status());
        assertEquals(1, started.get(execution).get());
    }

    @Test
    void aRuleTransformsTheRecordIntoTheInputWithJsonata() throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>("signups", "u1",
                "{\"email\":\"a@example.com\",\"ignored\":true}");
        record.headers().add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();

        ExecutionOutcome outcome = client.awaitOutcome(arn("echo", "signups-0-0", "execution"), WAIT);

        assertEquals(ExecutionStatus.SUCCEEDED, outcome.status(), outcome.toString());
        assertEquals("{\"email\":\"a@example.com\",\"from\":\"signups/0\",\"trace\":\"t-1\"}",
                outcome.completion().getOutput());
    }

    @Test
    void aWebhookStartsAnExecutionAndAnswersWithItsArn() throws Exception {
        HttpResponse<String> response = post("/webhooks/echo?name=hook-1", "{\"who\":\"web\"}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = Json.parse(response.body());
        assertEquals(arn("echo", "hook-1", "execution"), body.get("executionArn").asText());
        assertTrue(body.get("startDate").isNumber(), response.body());
        ExecutionOutcome outcome = client.awaitOutcome(body.get("executionArn").asText(), WAIT);
        assertEquals("{\"who\":\"web\"}", outcome.completion().getOutput());
    }

    @Test
    void aSynchronousWebhookAnswersLikeStartSyncExecution() throws Exception {
        HttpResponse<String> response = post("/webhooks/quote?sync=true", "{\"base\":41}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = Json.parse(response.body());
        assertEquals("SUCCEEDED", body.get("status").asText());
        assertEquals("{\"price\":42}", body.get("output").asText());
        assertEquals("{\"base\":41}", body.get("input").asText());
        assertTrue(body.get("executionArn").asText().startsWith(
                "arn:aws:states:us-east-1:111111111111:express:quote:"), response.body());
        assertEquals("arn:aws:states:us-east-1:111111111111:stateMachine:quote", body.get("stateMachineArn").asText());
    }

    @Test
    void aSynchronousWebhookReportsAFailedExecutionWithErrorAndCause() throws Exception {
        HttpResponse<String> response = post("/webhooks/refuse", "{}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = Json.parse(response.body());
        assertEquals("FAILED", body.get("status").asText());
        assertEquals("Refused", body.get("error").asText());
        assertEquals("no quote", body.get("cause").asText());
        assertFalse(body.has("output"));
    }

    @Test
    void webhooksRefuseSyncForStandardMachinesAndUnknownMachines() throws Exception {
        HttpResponse<String> standard = post("/webhooks/echo?sync=true", "{}");
        HttpResponse<String> unknown = post("/webhooks/slow", "{}");
        HttpResponse<String> badInput = post("/webhooks/echo", "{not json");

        assertEquals(400, standard.statusCode());
        assertEquals("StateMachineTypeNotSupported", Json.parse(standard.body()).get("__type").asText());
        assertEquals("StateMachineDoesNotExist", Json.parse(unknown.body()).get("__type").asText());
        assertEquals("InvalidExecutionInput", Json.parse(badInput.body()).get("__type").asText());
    }

    @Test
    void completionsOfARoutedMachineAlsoReachTheUsersTopic() throws Exception {
        String routed = client.startExecution("echo", "routed-1", "{\"r\":1}");
        String other = client.startExecution("slow", "not-routed-1", "{}");
        client.awaitOutcome(routed, WAIT);
        client.awaitOutcome(other, WAIT);

        Map<String, String> seen = read("echo.done", routed);

        JsonNode detail = Json.parse(seen.get(routed));
        assertEquals("SUCCEEDED", detail.get("status").asText());
        assertEquals("{\"r\":1}", detail.get("output").asText());
        assertEquals("routed-1", detail.get("name").asText());
        assertEquals("arn:aws:states:us-east-1:111111111111:stateMachine:echo", detail.get("stateMachineArn").asText());
        assertNull(seen.get(other), "only the routed machine's completions");
    }

    private static Map<String, String> read(String topic, String untilKey) throws InterruptedException {
        Map<String, String> seen = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, engine.config().bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!seen.containsKey(untilKey) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.put(r.key(), r.value());
                }
            }
        }
        assertTrue(seen.containsKey(untilKey), "no record for " + untilKey + " on " + topic);
        return seen;
    }

    private static long committed(String group, String topic) {
        try {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(topic, 0));
            return offset == null ? -1 : offset.offset();
        } catch (Exception e) {
            return -1;
        }
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        int port = ((IngressPlugin.Ingress) ingress).webhookPort();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
