package io.stepstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.asl.model.MachineType;
import io.stepstream.runtime.client.EngineClient;
import io.stepstream.runtime.client.TaskWorker;
import io.stepstream.runtime.engine.TaskQueues;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.schemas.avro.ExecutionStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Express execution's timeout is batched, not stored as a timer of its own (TimerStore): an engine
 * that takes over the execution, restoring its stores from the changelogs, still times it out.
 */
@ExtendWith(KafkaBrokerExtension.class)
class BatchedTimerRecoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path otherStateDir;

    @Test
    void anExpressTimeoutFiresOnTheEngineThatRestoredIt(Broker broker) throws Exception {
        EngineConfig.Builder settings = TestEngines.config(broker, "batched")
                .guarantee(EngineConfig.Guarantee.AT_LEAST_ONCE);
        EngineConfig first = settings.build();
        CountDownLatch requested = new CountDownLatch(1);
        String arn;
        try (KafkaEngine engine = KafkaEngine.start(first);
             EngineClient client = new EngineClient(first);
             TaskWorker worker = new TaskWorker(first, client, "batched-worker", List.of(TaskQueues.DEFAULT, "lambda"),
                     request -> {
                         requested.countDown();
                         return null; // never answered
                     })) {
            engine.deploy("slow", """
                    {"StartAt":"T","TimeoutSeconds":5,"States":{"T":{"Type":"Task",
                     "Resource":"arn:aws:lambda:us-east-1:111111111111:function:f","End":true}}}""", MachineType.EXPRESS);
            arn = client.startExecution("slow", "e", "{}");
            assertTrue(requested.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the task was requested");
        } // closing commits: the state, and the batch listing its timeout

        EngineConfig second = settings.stateDir(otherStateDir).build(); // restores from the changelogs
        try (KafkaEngine engine = KafkaEngine.start(second);
             EngineClient client = new EngineClient(second)) {
            assertEquals(ExecutionStatus.TIMED_OUT, client.awaitOutcome(arn, WAIT).status());
        }
    }
}
