package io.stepstream.asl.model;

/** One state of a States block, compiled. Handlers in the engine give each type its meaning. */
public sealed interface State
        permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState, ParallelState, MapState {

    String name();

    StateType type();
}
