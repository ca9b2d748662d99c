package io.stepstream.asl.engine;

import io.stepstream.asl.errors.AslError;
import io.stepstream.asl.eval.Environment;
import io.stepstream.asl.model.FailState;

/** Fail: fails the States block with Error and Cause (literal, path, intrinsic or JSONata). */
final class FailHandler implements StateHandler<FailState> {
    @Override
    public Outcome run(Frame frame, FailState state, Run run) {
        Environment env = run.env(frame, null);
        String error = state.error().evaluate(frame.input, env);
        String cause = state.cause().evaluate(frame.input, env);
        return new Outcome.Failed(new AslError(error, cause));
    }
}
