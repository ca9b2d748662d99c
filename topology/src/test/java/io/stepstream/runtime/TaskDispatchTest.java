package io.stepstream.runtime;

import static io.stepstream.runtime.DrivenEngine.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.runtime.engine.TaskCancellation;
import io.stepstream.schemas.avro.ExecutionStatus;
import io.stepstream.schemas.avro.SendTaskFailure;
import io.stepstream.schemas.avro.StopExecution;
import io.stepstream.schemas.avro.TaskRequest;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** What workers see on task topics: the Retry attempt in the idempotency key, and cancellations. */
class TaskDispatchTest extends DrivenEngineTest {
    private static final String LAMBDA = "arn:aws:lambda:us-east-1:111111111111:function:f";

    @Test
    void theIdempotencyKeyCountsRetryAttemptsFromZero() {
        engine.deploy("r", """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s",
                 "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":1,"MaxAttempts":3}],"End":true}}}"""
                .formatted(LAMBDA));
        String arn = engine.start("r", "e", "{}", T0);
        TaskRequest first = engine.tasks.readValue();

        engine.send(arn, new SendTaskFailure(first.getTaskToken(), "Flaky", "once"), T0);
        engine.driver.advanceWallClockTime(Duration.ofSeconds(2));
        TaskRequest second = engine.tasks.readValue();
        engine.send(arn, new SendTaskFailure(second.getTaskToken(), "Flaky", "twice"), T0.plusSeconds(1));
        engine.driver.advanceWallClockTime(Duration.ofSeconds(3));
        TaskRequest third = engine.tasks.readValue();

        assertEquals(List.of(0, 1, 2), List.of(first.getIdempotencyKey().getAttempt(),
                second.getIdempotencyKey().getAttempt(), third.getIdempotencyKey().getAttempt()));
        assertTrue(first.getIdempotencyKey().getState().startsWith("T/"), first.getIdempotencyKey().getState());
    }

    @Test
    void tellsWorkersWhenAStoppedExecutionNoLongerWantsItsTask() {
        engine.deploy("t", """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(LAMBDA));
        String arn = engine.start("t", "e", "{}", T0);
        TaskRequest request = engine.tasks.readValue();

        engine.send(arn, new StopExecution("Stopped", "by a test"), T0.plusSeconds(1));

        assertEquals(ExecutionStatus.ABORTED, engine.completions.readValue().getStatus());
        assertCancels(engine.tasks.readRecord(), arn, request.getTaskToken());
    }

    @Test
    void tellsWorkersWhenAFailedBranchAbortsAParallelTask() {
        engine.deploy("p", """
                {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}},
                  {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"Next":"F"},
                                           "F":{"Type":"Fail","Error":"Boom"}}}]}}}""".formatted(LAMBDA));
        String arn = engine.start("p", "e", "{}", T0);
        TaskRequest request = engine.tasks.readValue();

        engine.driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertEquals("Boom", engine.completions.readValue().getError());
        assertCancels(engine.tasks.readRecord(), arn, request.getTaskToken());
        assertTrue(engine.tasks.isEmpty());
    }

    private static void assertCancels(TestRecord<String, TaskRequest> record, String arn, String token) {
        assertEquals(arn, record.key());
        assertNull(record.value());
        assertEquals(token, TaskCancellation.cancelledToken(null, record.headers()));
    }
}
