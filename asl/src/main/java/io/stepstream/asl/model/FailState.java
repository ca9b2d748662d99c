package io.stepstream.asl.model;

/**
 * A Fail state.
 *
 * @param error evaluates Error or ErrorPath on the raw input; null result means none
 * @param cause evaluates Cause or CausePath; null result means none
 */
public record FailState(String name, Evaluable<String> error, Evaluable<String> cause) implements State {
    @Override
    public StateType type() {
        return StateType.FAIL;
    }
}
