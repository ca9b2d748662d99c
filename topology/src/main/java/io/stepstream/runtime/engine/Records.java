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

    public static TransitionBatch transitions(String executionId, List<HistoryEvent> events) {
        List<io.stepstream.schemas.avro.HistoryEvent> out = new ArrayList<>(events.size());
        for (HistoryEvent e : events) {
            JsonNode d = e.details();
            out.add(new io.stepstream.schemas.avro.HistoryEvent(e.id(), e.previousEventId(), e.type().name(),
                    Instant.ofEpochMilli(e.timestamp()), d == null || d.isEmpty() ? null : Json.write(d)));
        }
        return new TransitionBatch(executionId, out);
    }

    /**
     * The interpreter's idempotency key is {@code executionArn/state/taskId}; its task id is new for
     * every dispatch (each Retry attempt and each Map iteration), so {@code state/taskId} already
     * names one attempt uniquely and the attempt number stays 0.
     */
    static TaskRequest taskRequest(String executionId, Effect.DispatchTask task, long timestamp) {
        String key = task.idempotencyKey();
        String visit = key.startsWith(executionId + "/") ? key.substring(executionId.length() + 1) : key;
        return new TaskRequest(executionId, task.taskToken(), new IdempotencyKey(executionId, visit, 0),
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
