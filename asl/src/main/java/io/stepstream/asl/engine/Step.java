package io.stepstream.asl.engine;

import java.util.List;

/**
 * The result of one {@link Interpreter} call.
 *
 * @param next the execution state after the event; the same instance when the event was rejected
 * @param transitions the history events written, in order
 * @param effects what the runtime must do
 * @param rejection why the event was ignored (stale timer, unknown task...), or null when applied
 */
public record Step(ExecutionState next, List<HistoryEvent> transitions, List<Effect> effects, String rejection) {

    public Step {
        transitions = List.copyOf(transitions);
        effects = List.copyOf(effects);
    }

    static Step rejected(ExecutionState state, String reason) {
        return new Step(state, List.of(), List.of(), reason);
    }

    public boolean isRejected() {
        return rejection != null;
    }
}
