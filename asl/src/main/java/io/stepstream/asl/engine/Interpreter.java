package io.stepstream.asl.engine;

import io.stepstream.asl.errors.AslError;
import io.stepstream.asl.errors.ErrorNames;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.Limits;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.State;
import io.stepstream.asl.model.StateMachine;
import io.stepstream.asl.model.TaskState;
import java.util.Objects;

/**
 * The pure step function of Stepstream: {@code advance(machine, state, event) -> Step}. No clock,
 * no randomness, no I/O: time comes from the event, randomness from {@link DeterministicEntropy},
 * so the same events always give the same transitions, effects and state. Each call runs every
 * synchronous chain (Pass, Choice, expired Waits, inline branches) to its next wait point.
 */
public final class Interpreter {
    /** The Express workflow limit. */
    public static final long EXPRESS_LIMIT_SECONDS = 300;

    private final HistoryLevel historyLevel;
    private final long secret;

    /**
     * @param historyLevel which history events to materialise (ids are counted either way)
     * @param secret mixed into every execution's entropy, so task tokens cannot be guessed;
     *     replays must use the same secret
     */
    public Interpreter(HistoryLevel historyLevel, long secret) {
        this.historyLevel = Objects.requireNonNull(historyLevel);
        this.secret = secret;
    }

    public Interpreter() {
        this(HistoryLevel.ALL, 0);
    }

    /** Starts an execution of {@code machine}: writes ExecutionStarted and runs to the first wait point. */
    public Step start(StateMachine machine, ExecutionInfo info) {
        ExecutionState state = new ExecutionState(info);
        Run run = newRun(machine, state, info.startTime());
        var d = Run.details();
        if (run.keeps(HistoryEventType.ExecutionStarted)) {
            Run.payload(d, "input", info.input());
            if (info.roleArn() != null) {
                d.put("roleArn", info.roleArn());
            }
        }
        run.emit(null, HistoryEventType.ExecutionStarted, d);
        begin(machine, run);
        return run.step();
    }

    /** Checks the input, arms the execution's time limit and runs from StartAt. */
    private static void begin(StateMachine machine, Run run) {
        ExecutionInfo info = run.state.info;
        if (Json.byteSize(info.input()) > Limits.PAYLOAD_BYTES) {
            run.endExecution(ExecutionStatus.FAILED, new AslError(ErrorNames.DATA_LIMIT_EXCEEDED,
                    "The execution input exceeds the maximum number of bytes service limit."));
            return;
        }
        scheduleTimeout(machine, run);
        Frame root = new Frame("", machine.graph(), null, -1);
        run.state.root = root;
        run.enter(root, machine.graph().startAt(), info.input());
        run.schedule(root);
        run.drain();
    }

    /** TimeoutSeconds (or the Express limit) from the run's now: the start, or a redrive. */
    private static void scheduleTimeout(StateMachine machine, Run run) {
        Long timeout = machine.timeoutSeconds();
        if (machine.type() == MachineType.EXPRESS) {
            timeout = timeout == null ? EXPRESS_LIMIT_SECONDS : Math.min(timeout, EXPRESS_LIMIT_SECONDS);
        }
        if (timeout != null) {
            run.state.executionTimer = new PendingTimer(run.newId("execution-timeout"), run.now + timeout * 1000);
            run.effects.add(run.state.executionTimer.schedule());
        }
    }

    /**
     * RedriveExecution: resumes an execution that ended FAILED, ABORTED or TIMED_OUT from its
     * unsuccessful state(s), after an {@code ExecutionRedriven} event. Successful states are not
     * run again: in a Parallel only the unsuccessful branches run, in a Map only the unsuccessful
     * iterations; retry counters start from zero; TimeoutSeconds counts from the redrive. A redrive
     * AWS would refuse (see {@link ExecutionState#redriveRefusal}) or that repeats the last
     * redrive's client token is rejected.
     */
    private Step redrive(StateMachine machine, ExecutionState current, Event.Redrive event) {
        if (event.clientToken() != null && event.clientToken().equals(current.redriveToken)) {
            return Step.rejected(current, "The execution '" + current.info.executionArn()
                    + "' was already redriven with client token '" + event.clientToken() + "'");
        }
        String refusal = current.redriveRefusal(event.time());
        if (refusal != null) {
            return Step.rejected(current, refusal);
        }
        ExecutionState state = current.copy();
        state.status = ExecutionStatus.RUNNING;
        state.output = null;
        state.error = null;
        state.stopTime = 0;
        state.redriveCount++;
        state.redriveTime = event.time();
        state.redriveToken = event.clientToken();
        Run run = newRun(machine, state, event.time());
        long redriven = run.emit(null, HistoryEventType.ExecutionRedriven,
                Run.details().put("redriveCount", state.redriveCount));
        if (state.root == null) { // it failed before its first state (oversize input): it starts over
            begin(machine, run);
            return run.step();
        }
        scheduleTimeout(machine, run);
        state.root.lastEventId = redriven; // the re-entered states follow ExecutionRedriven
        run.redrive(state.root);
        run.drain();
        return run.step();
    }

    /**
     * Applies {@code event} to a running execution ({@link Event.Redrive}: to an ended one). A
     * stale or unknown event (a timer for a state the execution has left, a result for a task it
     * no longer waits on) is rejected as a value.
     */
    public Step advance(StateMachine machine, ExecutionState current, Event event) {
        if (event instanceof Event.Redrive redrive) {
            return redrive(machine, current, redrive);
        }
        if (current.status.isTerminal()) {
            return Step.rejected(current, "The execution '" + current.info.executionArn() + "' has already ended ("
                    + current.status + ")");
        }
        ExecutionState state = current.copy();
        Run run = newRun(machine, state, event.time());
        String rejection = apply(run, event);
        if (rejection != null) {
            return Step.rejected(current, rejection);
        }
        run.drain();
        return run.step();
    }

    private static String apply(Run run, Event event) {
        if (event instanceof Event.TaskSucceeded e) {
            return taskSucceeded(run, e);
        } else if (event instanceof Event.TaskFailed e) {
            return taskFailed(run, e);
        } else if (event instanceof Event.TaskHeartbeat e) {
            return heartbeat(run, e);
        } else if (event instanceof Event.TimerFired e) {
            return timerFired(run, e);
        }
        Event.StopExecution stop = (Event.StopExecution) event;
        run.endExecution(ExecutionStatus.ABORTED, new AslError(stop.error(), stop.cause()));
        return null;
    }

    private Run newRun(StateMachine machine, ExecutionState state, long now) {
        DeterministicEntropy entropy = new DeterministicEntropy(state.info.executionArn(), state.sequence, secret);
        HistoryLevel level = machine.type() == MachineType.STANDARD ? HistoryLevel.ALL : historyLevel;
        return new Run(machine, state, now, level, entropy);
    }

    private static String taskSucceeded(Run run, Event.TaskSucceeded e) {
        Frame frame = findTask(run.state, e.taskId());
        if (frame == null) {
            return staleTask(run.state, e.taskId());
        }
        TaskHandler.onResult(run, frame, (TaskState) frame.state, e.output());
        return null;
    }

    private static String taskFailed(Run run, Event.TaskFailed e) {
        Frame frame = findTask(run.state, e.taskId());
        if (frame == null) {
            return staleTask(run.state, e.taskId());
        }
        TaskHandler.onError(run, frame, (TaskState) frame.state,
                new AslError(e.error(), e.cause()), false);
        return null;
    }

    private static String heartbeat(Run run, Event.TaskHeartbeat e) {
        Frame frame = findTask(run.state, e.taskId());
        if (frame == null) {
            return staleTask(run.state, e.taskId());
        }
        Frame.TaskWait wait = (Frame.TaskWait) frame.wait;
        if (wait.heartbeat() == null) {
            return null;
        }
        run.effects.add(wait.heartbeat().cancel());
        PendingTimer timer = new PendingTimer(run.newId("heartbeat"), run.now + wait.heartbeatSeconds() * 1000);
        run.effects.add(timer.schedule());
        frame.wait = new Frame.TaskWait(wait.taskId(), wait.taskToken(), wait.timeout(), timer,
                wait.heartbeatSeconds());
        return null;
    }

    private static String timerFired(Run run, Event.TimerFired e) {
        ExecutionState state = run.state;
        if (state.executionTimer != null && e.timerId().equals(state.executionTimer.id())) {
            state.executionTimer = null;
            run.endExecution(ExecutionStatus.TIMED_OUT, new AslError(ErrorNames.TIMEOUT, null));
            return null;
        }
        Frame[] found = new Frame[1];
        state.root.forEach(f -> {
            if (f.wait instanceof Frame.TimerWait t && t.timer().id().equals(e.timerId())) {
                found[0] = f;
            } else if (f.wait instanceof Frame.TaskWait t && t.bounds(e.timerId())) {
                found[0] = f;
            }
        });
        Frame frame = found[0];
        if (frame == null) {
            return "Timer '" + e.timerId() + "' of execution '" + state.info.executionArn()
                    + "' is stale: the execution is in " + state.activeStates();
        }
        if (frame.wait instanceof Frame.TaskWait t) {
            frame.wait = t.fired(e.timerId());
            State s = frame.state;
            TaskHandler.onError(run, frame, (TaskState) s, new AslError(ErrorNames.TIMEOUT, null), true);
            return null;
        }
        Frame.TimerWait wait = (Frame.TimerWait) frame.wait;
        frame.wait = null;
        frame.resumption = wait.retry() ? null : new Frame.TimerDone();
        run.schedule(frame);
        return null;
    }

    private static Frame findTask(ExecutionState state, String taskId) {
        Frame[] found = new Frame[1];
        state.root.forEach(f -> {
            if (f.wait instanceof Frame.TaskWait t && t.taskId().equals(taskId)) {
                found[0] = f;
            }
        });
        return found[0];
    }

    private static String staleTask(ExecutionState state, String taskId) {
        return "Expected a result for a task that execution '" + state.info.executionArn()
                + "' waits on, but it is not waiting on '" + taskId + "'; it is in " + state.activeStates();
    }
}
