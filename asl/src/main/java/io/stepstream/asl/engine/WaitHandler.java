package io.stepstream.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Environment;
import io.stepstream.asl.model.WaitState;
import java.util.Map;

/** Wait: schedules a timer for the due time, or moves on at once when it has passed. */
final class WaitHandler implements StateHandler<WaitState> {
    @Override
    public Outcome run(Frame frame, WaitState state, Run run) {
        Environment env = run.env(frame, null);
        JsonNode effective = state.dataflow().input(frame.input, env);
        if (!(frame.resumption instanceof Frame.TimerDone)) {
            long due = state.dueTime().evaluate(effective, env);
            if (due > run.now) {
                PendingTimer timer = new PendingTimer(run.newId("wait"), due);
                frame.wait = new Frame.TimerWait(timer, false);
                run.effects.add(timer.schedule());
                return Outcome.Suspended.INSTANCE;
            }
        }
        frame.resumption = null;
        Map<String, JsonNode> assigned = run.evaluate(frame, state.assign(), frame.input, effective, env);
        JsonNode output = state.dataflow().output(frame.input, effective, env);
        run.assign(frame, assigned);
        return new Outcome.Next(state.next(), output);
    }
}
