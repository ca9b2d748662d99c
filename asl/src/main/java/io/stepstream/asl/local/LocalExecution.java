package io.stepstream.asl.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.engine.Effect;
import io.stepstream.asl.engine.Event;
import io.stepstream.asl.engine.ExecutionState;
import io.stepstream.asl.engine.ExecutionStatus;
import io.stepstream.asl.engine.HistoryEvent;
import io.stepstream.asl.engine.Interpreter;
import io.stepstream.asl.engine.Step;
import io.stepstream.asl.engine.TaskTokens;
import io.stepstream.asl.errors.AslError;
import io.stepstream.asl.errors.ErrorNames;
import io.stepstream.asl.model.StateMachine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One execution driven in-process on a virtual clock: tasks go to {@link LocalTaskHandler}s,
 * timers fire in due order by moving the clock forward, so a day-long Wait takes no real time.
 * Not thread-safe.
 */
public final class LocalExecution {
    private record Timer(long due, long order, String id) {}

    private final Interpreter interpreter;
    private final StateMachine machine;
    private final Function<Effect.DispatchTask, LocalTaskHandler> handlers;
    private final Consumer<HistoryEvent> listener;
    private final List<HistoryEvent> history = new ArrayList<>();
    private final Deque<Event> pending = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.order, b.order));
    private final Set<String> cancelledTimers = new HashSet<>();
    /** Tasks waiting for a callback, by token. */
    private final Map<String, String> callbacks = new HashMap<>();
    private final List<String> rejections = new ArrayList<>();
    private ExecutionState state;
    private long now;
    private long timerOrder;

    LocalExecution(Interpreter interpreter, StateMachine machine,
                   Function<Effect.DispatchTask, LocalTaskHandler> handlers, Consumer<HistoryEvent> listener) {
        this.interpreter = interpreter;
        this.machine = machine;
        this.handlers = handlers;
        this.listener = listener;
    }

    void begin(io.stepstream.asl.engine.ExecutionInfo info) {
        now = info.startTime();
        apply(interpreter.start(machine, info));
        runUntilIdle();
    }

    /**
     * Applies events, and fires timers by moving the clock, until the execution ends or waits for
     * a callback. While a callback is awaited the clock stands still: the caller decides whether
     * the answer comes before a timer ({@link #advanceClock}).
     */
    public LocalExecution runUntilIdle() {
        while (!state.status().isTerminal()) {
            Event next = pending.poll();
            if (next == null) {
                Timer timer = callbacks.isEmpty() ? nextTimer() : null;
                if (timer == null) {
                    return this;
                }
                now = Math.max(now, timer.due());
                next = new Event.TimerFired(timer.id(), now);
            }
            apply(interpreter.advance(machine, state, next));
        }
        return this;
    }

    private Timer nextTimer() {
        Timer t;
        while ((t = timers.poll()) != null) {
            if (!cancelledTimers.remove(t.id())) {
                return t;
            }
        }
        return null;
    }

    private void apply(Step step) {
        state = step.next();
        if (step.isRejected()) {
            rejections.add(step.rejection());
            return;
        }
        for (HistoryEvent e : step.transitions()) {
            history.add(e);
            listener.accept(e);
        }
        for (Effect effect : step.effects()) {
            if (effect instanceof Effect.DispatchTask task) {
                dispatch(task);
            } else if (effect instanceof Effect.ScheduleTimer t) {
                timers.add(new Timer(t.dueTime(), timerOrder++, t.timerId()));
            } else if (effect instanceof Effect.CancelTimer t) {
                cancelledTimers.add(t.timerId());
            } else if (effect instanceof Effect.CancelTask t) {
                callbacks.values().remove(t.taskId());
            }
        }
    }

    private void dispatch(Effect.DispatchTask task) {
        LocalTaskHandler handler = handlers.apply(task);
        LocalTaskHandler.Outcome outcome;
        if (handler == null) {
            outcome = LocalTaskHandler.failed(ErrorNames.RUNTIME,
                    "No local handler is configured for the resource '" + task.resource().arn() + "'");
        } else {
            try {
                outcome = handler.handle(task);
            } catch (RuntimeException e) {
                outcome = LocalTaskHandler.failed(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
            }
        }
        if (outcome instanceof LocalTaskHandler.Outcome.Succeeded s) {
            pending.add(new Event.TaskSucceeded(task.taskId(), s.output(), now));
        } else if (outcome instanceof LocalTaskHandler.Outcome.Failed f) {
            pending.add(new Event.TaskFailed(task.taskId(), f.error(), f.cause(), now));
        } else {
            callbacks.put(task.taskToken(), task.taskId());
        }
    }

    /** SendTaskSuccess: completes the task waiting on {@code token}. */
    public LocalExecution sendTaskSuccess(String token, JsonNode output) {
        pending.add(new Event.TaskSucceeded(taskOf(token, true), output, now));
        return runUntilIdle();
    }

    /** SendTaskFailure: fails the task waiting on {@code token}. */
    public LocalExecution sendTaskFailure(String token, String error, String cause) {
        pending.add(new Event.TaskFailed(taskOf(token, true), error, cause, now));
        return runUntilIdle();
    }

    /** SendTaskHeartbeat. */
    public LocalExecution sendTaskHeartbeat(String token) {
        pending.add(new Event.TaskHeartbeat(taskOf(token, false), now));
        return runUntilIdle();
    }

    /** StopExecution. */
    public LocalExecution stop(String error, String cause) {
        pending.add(new Event.StopExecution(error, cause, now));
        return runUntilIdle();
    }

    /**
     * RedriveExecution: an execution that ended FAILED, ABORTED or TIMED_OUT resumes from its
     * unsuccessful state(s); a redrive the interpreter refuses is recorded in {@link #rejections()}.
     */
    public LocalExecution redrive() {
        apply(interpreter.advance(machine, state, new Event.Redrive(null, now)));
        return runUntilIdle();
    }

    /** Moves the virtual clock forward, firing the timers that fall due. */
    public LocalExecution advanceClock(long millis) {
        long target = now + millis;
        Timer t;
        while ((t = timers.peek()) != null && t.due() <= target && !state.status().isTerminal()) {
            timers.poll();
            if (cancelledTimers.remove(t.id())) {
                continue;
            }
            now = Math.max(now, t.due());
            apply(interpreter.advance(machine, state, new Event.TimerFired(t.id(), now)));
            runUntilIdle();
        }
        now = Math.max(now, target);
        return this;
    }

    private String taskOf(String token, boolean completes) {
        String taskId = completes ? callbacks.remove(token) : callbacks.get(token);
        if (taskId != null) {
            return taskId;
        }
        TaskTokens.Decoded decoded = TaskTokens.decode(token);
        return decoded == null ? token : decoded.taskId();
    }

    public ExecutionState state() {
        return state;
    }

    public ExecutionStatus status() {
        return state.status();
    }

    /** The output once succeeded; null otherwise. */
    public JsonNode output() {
        return state.output();
    }

    /** The error once failed, timed out or aborted; null otherwise. */
    public AslError error() {
        return state.error();
    }

    public List<HistoryEvent> history() {
        return Collections.unmodifiableList(history);
    }

    /** Tokens of the tasks waiting for a callback. */
    public Set<String> pendingTaskTokens() {
        return Collections.unmodifiableSet(callbacks.keySet());
    }

    /** Events the interpreter rejected as stale or unknown, with its reasons. */
    public List<String> rejections() {
        return Collections.unmodifiableList(rejections);
    }

    /** The virtual time, epoch millis. */
    public long now() {
        return now;
    }
}
