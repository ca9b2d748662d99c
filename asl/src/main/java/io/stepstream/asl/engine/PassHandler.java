package io.stepstream.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Environment;
import io.stepstream.asl.model.PassState;
import java.util.Map;

/** Pass: the result is Result, or the effective input, placed by the output phase. */
final class PassHandler implements StateHandler<PassState> {
    @Override
    public Outcome run(Frame frame, PassState state, Run run) {
        Environment env = run.env(frame, null);
        JsonNode effective = state.dataflow().input(frame.input, env);
        JsonNode result = state.result() != null ? state.result() : effective;
        if (state.resultTooLarge()) {
            return new Outcome.Failed(TaskHandler.dataLimitExceeded(state.name()));
        }
        Map<String, JsonNode> assigned = run.evaluate(frame, state.assign(), frame.input, result, env);
        JsonNode output = state.dataflow().output(frame.input, result, env);
        run.assign(frame, assigned);
        return new Outcome.Next(state.next(), output);
    }
}
