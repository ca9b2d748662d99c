package io.stepstream.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslError;
import io.stepstream.asl.model.Resource;

/** What the world must do for an execution after an advance; the runtime carries effects out. */
public sealed interface Effect {

    /**
     * Run a task. Its result comes back as {@link Event.TaskSucceeded} or {@link Event.TaskFailed}
     * naming {@code taskId}.
     *
     * @param taskToken the token a callback (SendTaskSuccess...) names; also in {@code $$.Task.Token}
     * @param idempotencyKey {@code executionArn/state/attempt}, so workers can drop duplicates
     * @param credentials the evaluated Credentials; may be null
     * @param timeoutSeconds may be null
     * @param heartbeatSeconds may be null
     * @param attempt the Retry attempt this dispatch is: 0 first, one more per retry ({@code $$.State.RetryCount})
     */
    record DispatchTask(String taskId, String taskToken, String idempotencyKey, String stateName, Resource resource,
                        JsonNode input, JsonNode credentials, Long timeoutSeconds, Long heartbeatSeconds, int attempt)
            implements Effect {}

    /**
     * A dispatched task is no longer wanted (its branch was aborted, the execution stopped, or it
     * timed out), so the runtime can tell its workers.
     *
     * @param taskToken the dispatched task's token
     * @param resource the Task state's Resource, which decides where the task was sent
     */
    record CancelTask(String taskId, String taskToken, Resource resource) implements Effect {}

    /** Deliver {@link Event.TimerFired} with {@code timerId} at {@code dueTime} (epoch millis). */
    record ScheduleTimer(String timerId, long dueTime) implements Effect {}

    /**
     * The timer will never be wanted; firing it anyway is harmless (stale timers are rejected).
     *
     * @param dueTime the due time it was scheduled for; 0 when unknown (a state written before due
     *     times were kept)
     */
    record CancelTimer(String timerId, long dueTime) implements Effect {}

    /**
     * The execution ended.
     *
     * @param output the execution output when it succeeded, else null
     * @param error the error when it failed, timed out or was aborted, else null
     */
    record Complete(ExecutionStatus status, JsonNode output, AslError error) implements Effect {}
}
