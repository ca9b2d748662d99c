package io.stepstream.asl.model;

import io.stepstream.asl.dataflow.Dataflow;

/** A Succeed state: ends its States block successfully. */
public record SucceedState(String name, Dataflow dataflow) implements State {
    @Override
    public StateType type() {
        return StateType.SUCCEED;
    }
}
