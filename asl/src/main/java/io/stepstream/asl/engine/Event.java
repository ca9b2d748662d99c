package io.stepstream.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** Something that happened to a running execution; the input of {@link Interpreter#advance}. */
public sealed interface Event {

    /** When it happened, epoch millis: the interpreter's only notion of now. */
    long time();

    /** A task dispatched as {@code taskId} returned a result. */
    record TaskSucceeded(String taskId, JsonNode output, long time) implements Event {}

    /** A task failed with an error name and cause (cause may be null). */
    record TaskFailed(String taskId, String error, String cause, long time) implements Event {}

    /** A worker reports it is still working on the task; resets HeartbeatSeconds. */
    record TaskHeartbeat(String taskId, long time) implements Event {}

    /** A timer scheduled by a {@link Effect.ScheduleTimer} is due. */
    record TimerFired(String timerId, long time) implements Event {}

    /** StopExecution: the execution is aborted (error and cause may be null). */
    record StopExecution(String error, String cause, long time) implements Event {}

    /**
     * RedriveExecution: an execution that ended FAILED, ABORTED or TIMED_OUT resumes from its
     * unsuccessful state(s). Applied only to an ended execution; see {@link ExecutionState#redriveRefusal}.
     *
     * @param clientToken the caller's idempotency token (may be null): a redrive carrying the token of
     *     the execution's last redrive is a duplicate and is rejected
     */
    record Redrive(String clientToken, long time) implements Event {}
}
