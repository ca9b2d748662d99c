package io.stepstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.asl.model.MachineType;
import io.stepstream.runtime.client.EngineClient;
import io.stepstream.runtime.client.ExecutionOutcome;
import io.stepstream.runtime.client.TaskWorker;
import io.stepstream.runtime.engine.TaskQueues;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.schemas.avro.ExecutionStatus;
import java.time.Duration;
import java.util.List;
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

    @BeforeAll
    static void start(Broker broker) {
        engine = TestEngines.start(broker, "engine-test");
        client = engine.client();
        worker = new TaskWorker(engine.config(), client, "engine-test-echo", List.of(TaskQueues.DEFAULT),
                request -> TaskWorker.Answer.success(request.getInput()));
    }

    @AfterAll
    static void stop() {
        worker.close();
        engine.close();
    }

    @Test
    void runsAPassMachineToItsResult() throws Exception {
        engine.deploy("hello", """
                {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"Hello World!","End":true}}}""",
                MachineType.STANDARD);

        ExecutionOutcome outcome = client.awaitOutcome(client.startExecution("hello", "e1", "{}"), WAIT);

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
        assertTrue(elapsed >= 2000 && elapsed < 4000, "took " + elapsed + " ms");
    }
}
