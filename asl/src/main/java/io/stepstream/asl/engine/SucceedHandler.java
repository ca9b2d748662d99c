package io.stepstream.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Environment;
import io.stepstream.asl.model.SucceedState;

/** Succeed: ends the States block with its (filtered) input. */
final class SucceedHandler implements StateHandler<SucceedState> {
    @Override
    public Outcome run(Frame frame, SucceedState state, Run run) {
        Environment env = run.env(frame, null);
        JsonNode effective = state.dataflow().input(frame.input, env);
        return new Outcome.Next(null, state.dataflow().output(frame.input, effective, env));
    }
}
