package io.stepstream.asl.model;

import io.stepstream.asl.dataflow.Assign;
import io.stepstream.asl.dataflow.Dataflow;
import java.util.List;

/** A Parallel state: every branch runs on the effective input; the result is their outputs in order. */
public record ParallelState(String name, String next, Dataflow dataflow, List<StateGraph> branches,
                            List<Retrier> retriers, List<Catcher> catchers, Assign assign) implements State {

    public ParallelState {
        branches = List.copyOf(branches);
        retriers = List.copyOf(retriers);
        catchers = List.copyOf(catchers);
    }

    @Override
    public StateType type() {
        return StateType.PARALLEL;
    }
}
