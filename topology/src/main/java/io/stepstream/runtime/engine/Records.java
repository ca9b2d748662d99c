package io.stepstream.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.engine.Effect;
import io.stepstream.asl.engine.ExecutionInfo;
import io.stepstream.asl.engine.ExecutionState;
import io.stepstream.asl.engine.HistoryEvent;
import io.stepstream.asl.json.Json;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.ExecutionStatus;
import io.stepstream.schemas.avro.IdempotencyKey;
import io.stepstream.schemas.avro.TaskRequest;
import io.stepstream.schemas.avro.TransitionBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Maps the interpreter's values to the Avro records of the output topics. */
public final class Records {
    private Records() {}

    /**
     * Kafka refuses records over 1 MB by default, and one advance can write thousands of events
     * (a loop of Pass states) or several 256 KiB payloads, so the events of an advance are cut into
     * batches of about this many characters of details (UTF-8 may take up to 3 bytes a character).
     */
    static final int BATCH_CHARS = 256 * 1024;
    private static final int EVENT_OVERHEAD = 64;

    /** The events of one advance, in order, in as many batches as {@link #BATCH_CHARS} asks (usually one). */
    public static List<TransitionBatch> transitions(String executionId, List<HistoryEvent> events) {
        List<TransitionBatch> batches = new ArrayList<>(1);
        List<io.stepstream.schemas.avro.HistoryEvent> out = new ArrayList<>(events.size());
        long chars = 0;
        for (HistoryEvent e : events) {
            JsonNode d = e.details();
            String details = d == null || d.isEmpty() ? null : Json.write(d);
            long size = EVENT_OVERHEAD + (details == null ? 0 : details.length());
            if (!out.isEmpty() && chars + size > BATCH_CHARS) {
                batches.add(new TransitionBatch(executionId, out));
                out = new ArrayList<>();
                chars = 0;
            }
            out.add(new io.stepstream.schemas.avro.HistoryEvent(e.id(), e.previousEventId(), e.type().name(),
                    Instant.ofEpochMilli(e.timestamp()), details));
            chars += size;
        }
        if (!out.isEmpty()) {
            batches.add(new TransitionBatch(executionId, out));
        }
        return batches;
    }

    /**
     * The interpreter's idempotency key is {@code executionArn/state/taskId}; its task id is new for
     * every dispatch (each Retry attempt and each Map iteration), so {@code state/taskId} names one
     * dispatch; {@code attempt} is the Retry attempt ({@code $$.State.RetryCount}).
     */
    static TaskRequest taskRequest(String executionId, Effect.DispatchTask task, long timestamp) {
        String key = task.idempotencyKey();
        String visit = key.startsWith(executionId + "/") ? key.substring(executionId.length() + 1) : key;
        return new TaskRequest(executionId, task.taskToken(), new IdempotencyKey(executionId, visit, task.attempt()),
                task.resource().arn(), Json.write(task.input()), task.timeoutSeconds(), task.heartbeatSeconds(),
                Instant.ofEpochMilli(timestamp));
    }

    public static Completion completion(ExecutionState state, Effect.Complete complete) {
        ExecutionInfo info = state.info();
        return new Completion(info.executionArn(), info.name(), info.stateMachineName(),
                ExecutionStatus.valueOf(complete.status().name()),
                complete.output() == null ? null : Json.write(complete.output()),
                complete.error() == null ? null : complete.error().error(),
                complete.error() == null ? null : complete.error().cause(),
                Instant.ofEpochMilli(info.startTime()), Instant.ofEpochMilli(state.stopTime()));
    }
}
