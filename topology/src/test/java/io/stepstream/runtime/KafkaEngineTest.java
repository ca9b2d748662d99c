package io.stepstream.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.stepstream.asl.model.MachineType;
import io.stepstream.runtime.client.EngineClient;
import io.stepstream.runtime.client.ExecutionOutcome;
import io.stepstream.runtime.client.TaskWorker;
import io.stepstream.runtime.client.TopicTail;
import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.runtime.engine.TaskQueues;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.schemas.avro.DeadLetter;
import io.stepstream.schemas.avro.ExecutionStatus;
import io.stepstream.schemas.avro.TaskRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Executions through the Kafka engine on a real broker: tasks, timers, stop, idempotent start, the DLQ. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaEngineTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaEngine engine;
    private static EngineClient client;
    private static TaskWorker worker;
    private static final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private static final Map<String, String> pending = new ConcurrentHashMap<>();
    private static final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private static TopicTail dlq;

    @BeforeAll
    static void start(Broker broker) {
        engine = TestEngines.start(broker, "engine-test");
        client = engine.client();
        worker = new TaskWorker(engine.config(), client, "engine-test-worker", List.of(TaskQueues.DEFAULT, "lambda"),
                KafkaEngineTest::work);
        dlq = new TopicTail(broker.bootstrapServers(), List.of(engine.config().names().dlq()), true, record ->
                deadLetters.add(EngineSerdes.of(Map.of()).deadLetters().deserializer().deserialize(record.topic(),
                        record.value())));
    }

    /** The test's functions, by the last part of the Lambda ARN. */
    private static TaskWorker.Answer work(TaskRequest request) {
        String function = request.getResource().substring(request.getResource().lastIndexOf(':') + 1);
        return switch (function) {
            case "flaky" -> attempts.merge(request.getExecutionId(), 1, Integer::sum) == 1
                    ? TaskWorker.Answer.failure("Flaky", "first attempt fails")
                    : TaskWorker.Answer.success(request.getInput());
            case "never" -> {
                pending.put(request.getExecutionId(), request.getTaskToken());
                yield null;
            }
            default -> TaskWorker.Answer.success(request.getInput());
        };
    }

    @AfterAll
    static void stop() {
        dlq.close();
        worker.close();
        engine.close();
    }

    @Test
    void runsAPassMachineToItsResult() throws Exception {
        runHello("e1");
    }

    private static void runHello(String executionName) throws Exception {
        engine.deploy("hello", """
                {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"Hello World!","End":true}}}""",
                MachineType.STANDARD);

        ExecutionOutcome outcome = client.awaitOutcome(client.startExecution("hello", executionName, "{}"), WAIT);

        assertEquals(ExecutionStatus.SUCCEEDED, outcome.status(), outcome.toString());
        assertEquals("\"Hello World!\"", outcome.completion().getOutput());
    }

    @Test
    void runsATaskThroughTheTaskTopicAndAWorker() throws Exception {
        engine.deploy("echo", """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:f",
                 "ResultPath":"$.echo","End":true}}}""", MachineType.STANDARD);

        ExecutionOutcome outcome = client.awaitOutcome(client.startExecution("echo", "e1", "{\"n\":1}"), WAIT);

        assertEquals(ExecutionStatus.SUCCEEDED, outcome.status(), outcome.toString());
        assertEquals("{\"n\":1,\"echo\":{\"n\":1}}", outcome.completion().getOutput());
    }

    @Test
    void firesAWaitTimerOnTheWallClock() throws Exception {
        engine.deploy("wait", """
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":2,"End":true}}}""", MachineType.STANDARD);
        long started = System.nanoTime();

        ExecutionOutcome outcome = client.awaitOutcome(client.startExecution("wait", "e1", "{}"), WAIT);

        long elapsed = (System.nanoTime() - started) / 1_000_000;
        assertEquals(ExecutionStatus.SUCCEEDED, outcome.status(), outcome.toString());
        assertTrue(elapsed >= 2000 && elapsed < 6000, "took " + elapsed + " ms");
    }

    @Test
    void retriesAFailedTaskAfterItsBackoff() throws Exception {
        engine.deploy("retry", """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:flaky",
                 "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":1,"MaxAttempts":2}],"End":true}}}""",
                MachineType.STANDARD);
        long started = System.nanoTime();

        String arn = client.startExecution("retry", "e1", "{\"try\":true}");
        ExecutionOutcome outcome = client.awaitOutcome(arn, WAIT);

        long elapsed = (System.nanoTime() - started) / 1_000_000;
        assertEquals(ExecutionStatus.SUCCEEDED, outcome.status(), outcome.toString());
        assertEquals(2, attempts.get(arn));
        assertTrue(elapsed >= 1000 && elapsed < 8000, "took " + elapsed + " ms");
    }

    @Test
    void runsParallelBranchesAndMapIterationsThatWaitOnTasks() throws Exception {
        engine.deploy("fanout", """
                {"StartAt":"P","States":{
                  "P":{"Type":"Parallel","Next":"M","ResultPath":"$.parallel","Branches":[
                    {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:f",
                      "Parameters":{"branch":"a"},"End":true}}},
                    {"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":1,"Next":"C"},
                      "C":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:f",
                      "Parameters":{"branch":"b"},"End":true}}}]},
                  "M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"ResultPath":"$.map","End":true,
                    "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"I","States":{
                      "I":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:f","End":true}}}}}}""",
                MachineType.STANDARD);

        ExecutionOutcome outcome = client.awaitOutcome(
                client.startExecution("fanout", "e1", "{\"items\":[1,2,3,4,5]}"), WAIT);

        assertEquals(ExecutionStatus.SUCCEEDED, outcome.status(), outcome.toString());
        assertEquals("{\"items\":[1,2,3,4,5],\"parallel\":[{\"branch\":\"a\"},{\"branch\":\"b\"}],"
                + "\"map\":[1,2,3,4,5]}", outcome.completion().getOutput());
    }

    @Test
    void failsATaskThatOutlivesItsTimeoutSeconds() throws Exception {
        engine.deploy("timeout", """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:never",
                 "TimeoutSeconds":1,"End":true}}}""", MachineType.STANDARD);

        String arn = client.startExecution("timeout", "e1", "{}");
        ExecutionOutcome outcome = client.awaitOutcome(arn, WAIT);

        assertEquals(ExecutionStatus.FAILED, outcome.status(), outcome.toString());
        assertEquals("States.Timeout", outcome.completion().getError());
        long rejectedBefore = engine.metrics().rejections();
        client.sendTaskSuccess(pending.get(arn), "{}");
        awaitTrue(() -> engine.metrics().rejections() > rejectedBefore, "the late result was not rejected");
    }

    @Test
    void stopsAnExecutionWaitingOnATask() throws Exception {
        engine.deploy("stop", """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:never",
                 "End":true}}}""", MachineType.STANDARD);
        String arn = client.startExecution("stop", "e1", "{}");
        awaitTrue(() -> pending.containsKey(arn), "the task was never dispatched");

        client.stopExecution(arn, "Halt", "stopped by the test");
        ExecutionOutcome outcome = client.awaitOutcome(arn, WAIT);

        assertEquals(ExecutionStatus.ABORTED, outcome.status(), outcome.toString());
        assertEquals("Halt", outcome.completion().getError());
        assertEquals("stopped by the test", outcome.completion().getCause());
    }

    @Test
    void startsOnceForTheSameNameAndInputAndRejectsAnotherInput() throws Exception {
        engine.deploy("idem", """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:never",
                 "End":true}}}""", MachineType.STANDARD);
        long duplicatesBefore = engine.metrics().duplicateStarts();

        String arn = client.startExecution("idem", "e1", "{\"a\":1}");
        assertEquals(arn, client.startExecution("idem", "e1", "{\"a\":1}"));
        client.startExecution("idem", "e1", "{\"a\":2}");
        ExecutionOutcome outcome = client.awaitOutcome(arn, WAIT);

        assertTrue(outcome.isRejected(), outcome.toString());
        assertEquals("ExecutionAlreadyExists: Execution Already Exists: '" + arn + "'", outcome.rejection());
        assertEquals(duplicatesBefore + 1, engine.metrics().duplicateStarts());
        awaitTrue(() -> pending.containsKey(arn), "the task was never dispatched");
        client.sendTaskSuccess(pending.get(arn), "{\"done\":true}");
        assertEquals(ExecutionStatus.SUCCEEDED, client.awaitOutcome(arn, WAIT).status());
    }

    @Test
    void deadLettersGarbageBytesAndKeepsRunning(Broker broker) throws Exception {
        byte[] garbage = "\u0000not avro at all".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(engine.config().names().commands(),
                    "garbage-1".getBytes(StandardCharsets.UTF_8), garbage)).get();
        }

        DeadLetter letter = awaitDeadLetter("garbage-1");

        assertEquals(engine.config().names().commands(), letter.getTopic());
        assertArrayEquals(garbage, bytes(letter.getValue()));
        assertTrue(letter.getReason().startsWith("Unreadable command"), letter.getReason());
        runHello("after-garbage");
    }

    @Test
    void deadLettersAStartOfAnUnknownMachineOrWithInvalidInput() throws Exception {
        ExecutionOutcome unknown = client.awaitOutcome(client.startExecution("no-such-machine", "e1", "{}"), WAIT);
        engine.deploy("valid", """
                {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}""", MachineType.STANDARD);
        ExecutionOutcome invalid = client.awaitOutcome(client.startExecution("valid", "e1", "{not json"), WAIT);

        assertEquals("StateMachineDoesNotExist: State Machine Does Not Exist: 'no-such-machine'", unknown.rejection());
        assertTrue(invalid.rejection().startsWith("InvalidExecutionInput: "), invalid.rejection());
        DeadLetter letter = awaitDeadLetter(unknown.executionArn());
        assertTrue(bytes(letter.getValue()).length > 0);
    }

    private static DeadLetter awaitDeadLetter(String key) throws InterruptedException {
        DeadLetter[] found = new DeadLetter[1];
        awaitTrue(() -> {
            for (DeadLetter d : deadLetters) {
                if (d.getKey() != null && key.equals(new String(bytes(d.getKey()), StandardCharsets.UTF_8))) {
                    found[0] = d;
                    return true;
                }
            }
            return false;
        }, "no dead letter keyed " + key);
        return found[0];
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    static void awaitTrue(BooleanSupplier condition, String message) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(message);
            }
            Thread.sleep(20);
        }
    }
}
