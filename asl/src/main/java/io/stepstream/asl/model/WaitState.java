package io.stepstream.asl.model;

import io.stepstream.asl.dataflow.Assign;
import io.stepstream.asl.dataflow.Dataflow;

/**
 * A Wait state.
 *
 * @param next null when the state ends its States block
 * @param dueTime the instant (epoch millis) to wait until, from the effective input
 * @param assign may be null
 */
public record WaitState(String name, String next, Dataflow dataflow, Evaluable<Long> dueTime, Assign assign)
        implements State {
    @Override
    public StateType type() {
        return StateType.WAIT;
    }
}
