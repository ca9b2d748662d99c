package io.stepstream.asl.engine;

/**
 * A timer the execution waits on. Its due time travels with its cancellation, so a runtime that
 * indexes timers by due time can drop one without looking it up.
 *
 * @param id the timer id ({@code kind-n}), unique within the execution
 * @param due epoch millis; 0 when unknown (a state written before due times were kept)
 */
public record PendingTimer(String id, long due) {
    Effect.ScheduleTimer schedule() {
        return new Effect.ScheduleTimer(id, due);
    }

    Effect.CancelTimer cancel() {
        return new Effect.CancelTimer(id, due);
    }
}
