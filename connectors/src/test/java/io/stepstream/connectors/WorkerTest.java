package io.stepstream.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.connectors.worker.Worker;
import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.ExecutionStatus;
import io.stepstream.schemas.avro.IdempotencyKey;
import io.stepstream.schemas.avro.TaskRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The worker library on activity queues, against a real broker and engine. */
@ExtendWith(KafkaBrokerExtension.class)
class WorkerTest {
    private static final String ACTIVITY = "arn:aws:states:us-east-1:111111111111:activity:";
    private static TestEngine engine;

    @BeforeAll
    static void start(Broker broker) {
        engine = TestEngine.start(broker, "worker-test", "{}");
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    private static Worker.Builder worker(String activity) {
        return Worker.builder(engine.config(), engine.engine.client()).activity(ACTIVITY + activity);
    }

    @Test
    void anActivityWorkerCompletesItsTasksWithTheHandlersResult() throws Exception {
        try (Worker w = worker("greet").function(task -> Json.NODES.objectNode()
                .put("hello", task.input().get("name").asText())).start()) {
            JsonNode out = TestEngine.output(engine.run(TestEngine.task(ACTIVITY + "greet", ""), "{\"name\":\"world\"}"));
            assertEquals(Json.parse("{\"hello\":\"world\"}"), out);
        }
    }

    @Test
    void aHandlerErrorFailsTheTaskWithItsErrorAndCause() throws Exception {
        try (Worker w = worker("refuse").handler(task -> {
            throw new ConnectorException("Refused", "not today");
        }).start()) {
            Completion c = engine.run(TestEngine.task(ACTIVITY + "refuse", ""), "{}");
            assertEquals(ExecutionStatus.FAILED, c.getStatus());
            assertEquals("Refused", c.getError());
            assertEquals("not today", c.getCause());
        }
    }

    @Test
    void heartbeatsKeepATaskAliveLongerThanHeartbeatSeconds() throws Exception {
        try (Worker w = worker("slow").function(task -> {
            for (int i = 0; i < 8; i++) {
                Thread.sleep(500);
                task.heartbeat();
            }
            return Json.NODES.textNode("done");
        }).start()) {
            JsonNode out = TestEngine.output(engine.run(TestEngine.task(ACTIVITY + "slow",
                    "\"HeartbeatSeconds\":2,\"TimeoutSeconds\":60"), "{}"));
            assertEquals("done", out.asText());
        }
    }

    @Test
    void aMissedHeartbeatTimesTheTaskOutAndALateAnswerChangesNothing() throws Exception {
        BlockingQueue<TaskInvocation> held = new ArrayBlockingQueue<>(1);
        try (Worker w = worker("silent").handler(task -> {
            held.add(task);
            return TaskOutcome.pending().done();
        }).start()) {
            String arn = engine.start(TestEngine.task(ACTIVITY + "silent", "\"HeartbeatSeconds\":1,\"TimeoutSeconds\":60"), "{}");
            Completion c = engine.await(arn);
            assertEquals(ExecutionStatus.FAILED, c.getStatus());
            assertEquals("States.Timeout", c.getError());
            long rejected = engine.engine.metrics().rejections();
            engine.engine.client().sendTaskSuccess(held.take().taskToken(), "{}");
            awaitTrue(() -> engine.engine.metrics().rejections() > rejected);
        }
    }

    @Test
    void aTaskTimeoutFailsTheTaskWithStatesTimeout() throws Exception {
        try (Worker w = worker("never").handler(task -> TaskOutcome.pending().done()).start()) {
            Completion c = engine.run(TestEngine.task(ACTIVITY + "never", "\"TimeoutSeconds\":1"), "{}");
            assertEquals("States.Timeout", c.getError());
        }
    }

    @Test
    void aRedeliveredRequestIsDroppedByItsIdempotencyKey() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        BlockingQueue<TaskInvocation> seen = new ArrayBlockingQueue<>(4);
        try (Worker w = worker("once").handler(task -> {
            calls.incrementAndGet();
            seen.add(task);
            return TaskOutcome.pending().done();
        }).start()) {
            String arn = engine.start(TestEngine.task(ACTIVITY + "once", ""), "{}");
            TaskInvocation first = seen.take();
            redeliver(first, "once");
            awaitTrue(() -> w.duplicates() == 1);
            assertEquals(1, calls.get());
            engine.engine.client().sendTaskSuccess(first.taskToken(), "{\"n\":1}");
            assertEquals(Json.parse("{\"n\":1}"), TestEngine.output(engine.await(arn)));
        }
    }

    @Test
    void aSecondResultForTheSameTaskIsRejectedByTheEngine() throws Exception {
        BlockingQueue<TaskInvocation> seen = new ArrayBlockingQueue<>(1);
        try (Worker w = worker("twice").handler(task -> {
            seen.add(task);
            return TaskOutcome.pending().done();
        }).start()) {
            String definition = """
                    {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%stwice","Next":"W"},
                     "W":{"Type":"Wait","Seconds":2,"End":true}}}""".formatted(ACTIVITY);
            String arn = engine.start(definition, "{}");
            String token = seen.take().taskToken();
            long rejected = engine.engine.metrics().rejections();
            engine.engine.client().sendTaskSuccess(token, "{\"first\":true}");
            engine.engine.client().sendTaskSuccess(token, "{\"second\":true}");
            engine.engine.client().sendTaskFailure(token, "Late", "after the result");
            assertEquals(Json.parse("{\"first\":true}"), TestEngine.output(engine.await(arn)));
            awaitTrue(() -> engine.engine.metrics().rejections() >= rejected + 2);
        }
    }

    @Test
    void backPressureKeepsAtMostConcurrencyTasksRunning() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (Worker w = worker("busy").concurrency(2).function(task -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(300);
            running.decrementAndGet();
            return task.input();
        }).start()) {
            List<String> arns = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                arns.add(engine.start(TestEngine.task(ACTIVITY + "busy", ""), "{\"i\":" + i + "}"));
            }
            for (String arn : arns) {
                assertEquals(ExecutionStatus.SUCCEEDED, engine.await(arn).getStatus());
            }
            assertTrue(most.get() <= 2, "at most 2 at once, saw " + most.get());
            assertEquals(6, w.completed());
        }
    }

    @Test
    void closingWaitsForRunningTasksToAnswer() throws Exception {
        BlockingQueue<Boolean> started = new ArrayBlockingQueue<>(1);
        Worker w = worker("closing").function(task -> {
            started.add(true);
            Thread.sleep(1500);
            return Json.NODES.textNode("finished");
        }).start();
        String arn = engine.start(TestEngine.task(ACTIVITY + "closing", ""), "{}");
        started.poll(60, TimeUnit.SECONDS);
        w.close();
        assertEquals(1, w.completed());
        assertEquals("finished", TestEngine.output(engine.await(arn)).asText());
    }

    /** Writes the request again to the activity's task topic, as a redelivery after a crash would. */
    private static void redeliver(TaskInvocation task, String queue) {
        String visit = task.idempotencyKey().substring(task.executionArn().length() + 1);
        int slash = visit.lastIndexOf('/');
        TaskRequest request = new TaskRequest(task.executionArn(), task.taskToken(),
                new IdempotencyKey(task.executionArn(), visit.substring(0, slash), 0), task.resource().arn(),
                Json.write(task.input()), null, null, task.scheduledAt());
        String topic = engine.config().names().tasks(queue);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, engine.config().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, task.executionArn(),
                    EngineSerdes.of(Map.of()).tasks().serializer().serialize(topic, request)));
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(50);
        }
    }

}
