package io.stepstream.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Environment;
import io.stepstream.asl.model.ParallelState;
import java.util.Collections;
import java.util.Map;

/** Parallel: every branch runs on the effective input; the result is the branch outputs in order. */
final class ParallelHandler implements StateHandler<ParallelState> {
    @Override
    public Outcome run(Frame frame, ParallelState state, Run run) {
        if (frame.resumption instanceof Frame.ChildrenFailed failed) {
            frame.resumption = null;
            return new Outcome.Failed(failed.error());
        }
        Environment env = run.env(frame, null);
        if (frame.resumption instanceof Frame.ChildrenDone done) {
            frame.resumption = null;
            run.emit(frame, HistoryEventType.ParallelStateSucceeded, null);
            Map<String, JsonNode> assigned = run.evaluate(frame, state.assign(), frame.input, done.results(), env);
            JsonNode output = state.dataflow().output(frame.input, done.results(), env);
            run.assign(frame, assigned);
            return new Outcome.Next(state.next(), output);
        }
        JsonNode effective = state.dataflow().input(frame.input, env);
        run.emit(frame, HistoryEventType.ParallelStateStarted, null);
        run.fanOut(frame, new Frame.Fanout(Collections.nCopies(state.branches().size(), effective), 0, 0, 0));
        return Outcome.Suspended.INSTANCE;
    }
}
