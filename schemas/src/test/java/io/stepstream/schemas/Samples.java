package io.stepstream.schemas;

import io.stepstream.schemas.avro.ChildExecutionFinished;
import io.stepstream.schemas.avro.Command;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.DeadLetter;
import io.stepstream.schemas.avro.DeadLetterHeader;
import io.stepstream.schemas.avro.Definition;
import io.stepstream.schemas.avro.ExecutionStateEnvelope;
import io.stepstream.schemas.avro.ExecutionStatus;
import io.stepstream.schemas.avro.HistoryEvent;
import io.stepstream.schemas.avro.IdempotencyKey;
import io.stepstream.schemas.avro.MachineType;
import io.stepstream.schemas.avro.ParentExecution;
import io.stepstream.schemas.avro.SendTaskFailure;
import io.stepstream.schemas.avro.SendTaskHeartbeat;
import io.stepstream.schemas.avro.SendTaskSuccess;
import io.stepstream.schemas.avro.StartExecution;
import io.stepstream.schemas.avro.StopExecution;
import io.stepstream.schemas.avro.TaskRequest;
import io.stepstream.schemas.avro.TimerFired;
import io.stepstream.schemas.avro.TransitionBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** One filled-in example of every record the project puts on a topic or in a store. */
public final class Samples {
    public static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    private Samples() {}

    /** Every top-level record type, each command variant once. */
    public static List<SpecificRecord> all() {
        return List.of(
                command(start()),
                command(new SendTaskSuccess("token-1", "{\"ok\":true}")),
                command(new SendTaskFailure("token-1", "Worker.Crashed", "disk full")),
                command(new SendTaskFailure("token-2", null, null)),
                command(new SendTaskHeartbeat("token-1")),
                command(new StopExecution("Stopped", "by the operator")),
                command(new TimerFired("exec-1/Wait/3", T0.plusSeconds(10))),
                command(new ChildExecutionFinished("child-1", "token-9", ExecutionStatus.FAILED, null, "Boom", "it broke")),
                transitions(),
                taskRequest(),
                new Completion("exec-1", "order-42", "OrderFlow", ExecutionStatus.SUCCEEDED, "{\"total\":3}",
                        null, null, T0, T0.plusMillis(1500)),
                new DeadLetter("stepstream.commands", 3, 12345L, bytes("exec-1"), bytes("\u0000garbage"),
                        List.of(new DeadLetterHeader("trace", bytes("abc")), new DeadLetterHeader("empty", null)),
                        "Unreadable record", UnreadableRecordException.class.getName(), T0, T0.plusSeconds(1)),
                new Definition("OrderFlow", 2, "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}",
                        MachineType.EXPRESS, T0, null, null),
                new ExecutionStateEnvelope(1, "{\"states\":[],\"seq\":7}", "OrderFlow:2", null, null, null, null));
    }

    public static Command command(Object payload) {
        return new Command("exec-1", "cmd-" + payload.getClass().getSimpleName(), T0, payload);
    }

    public static StartExecution start() {
        return StartExecution.newBuilder()
                .setStateMachineName("OrderFlow")
                .setStateMachineVersion(2)
                .setExecutionName("order-42")
                .setInput("{\"order\":42,\"text\":\"h\u00e9llo \u2603\"}")
                .setType(MachineType.STANDARD)
                .setParent(new ParentExecution("parent-1", "token-p"))
                .build();
    }

    public static TransitionBatch transitions() {
        return new TransitionBatch("exec-1", List.of(
                new HistoryEvent(1L, 0L, "ExecutionStarted", T0, "{\"input\":\"{}\",\"roleArn\":\"arn\"}"),
                new HistoryEvent(2L, 1L, "PassStateEntered", T0, "{\"name\":\"A\",\"input\":\"{}\"}"),
                new HistoryEvent(3L, 2L, "ExecutionSucceeded", T0.plusMillis(3), null)));
    }

    public static TaskRequest taskRequest() {
        return new TaskRequest("exec-1", "token-1", new IdempotencyKey("exec-1", "Charge", 2),
                "arn:aws:states:::activity:charge", "{\"amount\":10}", 300L, 30L, T0);
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
