package io.stepstream.asl.engine;

import io.stepstream.asl.model.ChoiceState;
import io.stepstream.asl.model.FailState;
import io.stepstream.asl.model.MapState;
import io.stepstream.asl.model.ParallelState;
import io.stepstream.asl.model.PassState;
import io.stepstream.asl.model.State;
import io.stepstream.asl.model.SucceedState;
import io.stepstream.asl.model.TaskState;
import io.stepstream.asl.model.WaitState;

/** Routes a state to the handler of its type. */
final class Handlers {
    private static final PassHandler PASS = new PassHandler();
    private static final TaskHandler TASK = new TaskHandler();
    private static final ChoiceHandler CHOICE = new ChoiceHandler();
    private static final WaitHandler WAIT = new WaitHandler();
    private static final SucceedHandler SUCCEED = new SucceedHandler();
    private static final FailHandler FAIL = new FailHandler();
    private static final ParallelHandler PARALLEL = new ParallelHandler();
    private static final MapHandler MAP = new MapHandler();

    private Handlers() {}

    static Outcome run(Frame frame, State state, Run run) {
        // Java 17 has no pattern switch; the sealed State interface keeps this list complete.
        if (state instanceof PassState s) {
            return PASS.run(frame, s, run);
        } else if (state instanceof TaskState s) {
            return TASK.run(frame, s, run);
        } else if (state instanceof ChoiceState s) {
            return CHOICE.run(frame, s, run);
        } else if (state instanceof WaitState s) {
            return WAIT.run(frame, s, run);
        } else if (state instanceof SucceedState s) {
            return SUCCEED.run(frame, s, run);
        } else if (state instanceof FailState s) {
            return FAIL.run(frame, s, run);
        } else if (state instanceof ParallelState s) {
            return PARALLEL.run(frame, s, run);
        }
        return MAP.run(frame, (MapState) state, run);
    }
}
