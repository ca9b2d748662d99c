package io.stepstream.runtime.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.engine.Effect;
import io.stepstream.asl.engine.Event;
import io.stepstream.asl.engine.ExecutionInfo;
import io.stepstream.asl.engine.ExecutionState;
import io.stepstream.asl.engine.Interpreter;
import io.stepstream.asl.engine.Step;
import io.stepstream.asl.engine.TaskTokens;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.StateMachine;
import io.stepstream.runtime.engine.Records;
import io.stepstream.schemas.avro.Command;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.SendTaskFailure;
import io.stepstream.schemas.avro.SendTaskHeartbeat;
import io.stepstream.schemas.avro.SendTaskSuccess;
import io.stepstream.schemas.avro.StopExecution;
import io.stepstream.schemas.avro.TimerFired;
import io.stepstream.schemas.avro.TransitionBatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Re-runs one execution through the pure {@link Interpreter} on a virtual clock, as the live
 * engine ran it: the StartExecution, then each later command in offset order; before a command
 * dated T, the execution's timers due at or before T fire in (due, timer id) order, each dated
 * its due time (the live punctuator's order and timestamps). Task results come from the recorded
 * commands; dispatched tasks are only recorded, never sent.
 *
 * <p>The live engine can deviate from that order: a command processed before a timer that was
 * already due (the punctuator ran late), or a timer fired before a lagging command dated earlier.
 * The recorded transitions say which happened, so when a guide is given each choice is checked
 * against the next recorded batch: the first candidate (in virtual-clock order) whose batch equals
 * it, or that writes nothing, is taken. Without a guide, or when no candidate fits, the
 * virtual-clock order stands.
 */
final class ExecutionReplayer {
    private static final Comparator<Timer> DUE_ORDER =
            Comparator.comparingLong(Timer::due).thenComparing(Timer::id);

    private final Interpreter interpreter;
    private final long horizon;

    /** @param horizon timers due after this (epoch millis; the moment the replay began) do not fire */
    ExecutionReplayer(Interpreter interpreter, long horizon) {
        this.interpreter = interpreter;
        this.horizon = horizon;
    }

    /** What a replay produced. */
    /**
     * @param undelivered recorded task results that had no replayed task to go to
     * @param reordered choices where the record overruled the virtual clock (a command raced a timer)
     */
    record Replayed(List<TransitionBatch> batches, Completion completion, List<Effect.DispatchTask> dispatched,
                    ExecutionState state, int undelivered, int reordered) {}

    /**
     * @param commands the execution's commands after its StartExecution, in offset order
     * @param guide the recorded batches, or null to follow the virtual clock only
     * @param stop checked after each applied step; true ends the replay there (for "state at event N")
     */
    Replayed replay(StateMachine machine, ExecutionInfo info, List<Command> commands, List<TransitionBatch> guide,
                    TaskMatcher tasks, Predicate<ExecutionState> stop) {
        Run run = new Run(machine, info.executionArn(), guide, tasks, stop);
        run.accept(interpreter.start(machine, info));
        for (Command command : commands) {
            if (run.over()) {
                break;
            }
            run.apply(command);
        }
        run.fireRemainingTimers();
        return new Replayed(List.copyOf(run.batches), run.completion, List.copyOf(run.dispatched), run.state,
                run.undelivered, run.reordered);
    }

    private record Timer(long due, String id) {}

    /** The mutable replay of one execution. */
    private final class Run {
        private final StateMachine machine;
        private final String key;
        private final List<TransitionBatch> guide;
        private final TaskMatcher tasks;
        private final Predicate<ExecutionState> stop;
        private final TreeSet<Timer> timers = new TreeSet<>(DUE_ORDER);
        private final Map<String, Timer> timersById = new HashMap<>();
        private final List<TransitionBatch> batches = new ArrayList<>();
        private final List<Effect.DispatchTask> dispatched = new ArrayList<>();
        private ExecutionState state;
        private Completion completion;
        private boolean stopped;
        private int undelivered;
        private int reordered;

        Run(StateMachine machine, String key, List<TransitionBatch> guide, TaskMatcher tasks,
            Predicate<ExecutionState> stop) {
            this.machine = machine;
            this.key = key;
            this.guide = guide;
            this.tasks = tasks;
            this.stop = stop;
        }

        boolean over() {
            return stopped || state.status().isTerminal();
        }

        /** Applies a command, first firing the timers that come before it. */
        void apply(Command command) {
            long time = command.getCommand() instanceof TimerFired t ? t.getDueTime().toEpochMilli()
                    : command.getTimestamp().toEpochMilli();
            while (!over()) {
                List<Timer> before = new ArrayList<>();
                List<Timer> after = new ArrayList<>();
                for (Timer t : timers) {
                    if (t.due() <= time) {
                        before.add(t);
                    } else if (t.due() <= horizon) {
                        after.add(t);
                    }
                }
                List<Object> candidates = new ArrayList<>(before);
                candidates.add(command);
                candidates.addAll(after);
                Object chosen = choose(candidates);
                if (chosen == command) {
                    return;
                }
            }
        }

        /** Applies the first candidate the recorded history agrees with (the first one by default). */
        private Object choose(List<Object> candidates) {
            Step first = null;
            for (Object candidate : candidates) {
                Event event = eventOf(candidate);
                if (event == null) { // nothing the live engine applied (dead-lettered) or no task to go to
                    if (candidate == candidates.get(0) || guide != null) {
                        reordered += candidate == candidates.get(0) ? 0 : 1;
                        countUndelivered((Command) candidate);
                        return candidate;
                    }
                    break;
                }
                Step step = interpreter.advance(machine, state, event);
                if (first == null) {
                    first = step;
                }
                if (fitsRecord(step)) {
                    if (candidate != candidates.get(0)) {
                        reordered++;
                    }
                    take(candidate, step);
                    return candidate;
                }
                if (guide == null) {
                    break;
                }
            }
            if (first == null) { // the command, first in line, applies nothing
                return candidates.get(0);
            }
            take(candidates.get(0), first);
            return candidates.get(0);
        }

        /** A command's event is made when it is tried: a task a timer dispatches just before may be its target. */
        private Event eventOf(Object candidate) {
            return candidate instanceof Timer t ? new Event.TimerFired(t.id(), t.due()) : event((Command) candidate);
        }

        private void countUndelivered(Command command) {
            String token = command.getCommand() instanceof SendTaskSuccess s ? s.getTaskToken()
                    : command.getCommand() instanceof SendTaskFailure f ? f.getTaskToken() : null;
            TaskTokens.Decoded decoded = token == null ? null : TaskTokens.decode(token);
            if (decoded != null && decoded.executionArn().equals(key) && tasks.taskFor(decoded.taskId()) == null) {
                undelivered++;
            }
        }

        private void take(Object candidate, Step step) {
            if (candidate instanceof Timer t) {
                removeTimer(t.id()); // the live store deletes a timer before it fires it
            }
            accept(step);
        }

        private boolean fitsRecord(Step step) {
            if (guide == null || step.isRejected() || step.transitions().isEmpty()) {
                return true;
            }
            List<TransitionBatch> next = Records.transitions(key, step.transitions());
            return batches.size() + next.size() <= guide.size()
                    && guide.subList(batches.size(), batches.size() + next.size()).equals(next);
        }

        void fireRemainingTimers() {
            while (!over() && !timers.isEmpty() && timers.first().due() <= horizon) {
                Timer t = timers.first();
                take(t, interpreter.advance(machine, state, eventOf(t)));
            }
        }

        void accept(Step step) {
            if (step.isRejected()) {
                return;
            }
            state = step.next();
            if (!step.transitions().isEmpty()) {
                batches.addAll(Records.transitions(key, step.transitions()));
            }
            for (Effect effect : step.effects()) {
                if (effect instanceof Effect.DispatchTask task) {
                    dispatched.add(task);
                    tasks.dispatched(task);
                } else if (effect instanceof Effect.ScheduleTimer t) {
                    Timer timer = new Timer(t.dueTime(), t.timerId());
                    timers.add(timer);
                    timersById.put(t.timerId(), timer);
                } else if (effect instanceof Effect.CancelTimer t) {
                    removeTimer(t.timerId());
                } else if (effect instanceof Effect.Complete complete) {
                    completion = Records.completion(step.next(), complete);
                    timers.clear();
                    timersById.clear();
                }
            }
            stopped = stop.test(state);
        }

        private void removeTimer(String id) {
            Timer t = timersById.remove(id);
            if (t != null) {
                timers.remove(t);
            }
        }

        /**
         * The interpreter event of a recorded command, as the live engine builds it; null for what
         * it dead-lettered without a change (bad tokens or output, repeated starts, unsupported
         * commands) and for results of tasks the replay did not dispatch.
         */
        Event event(Command command) {
            long time = command.getTimestamp().toEpochMilli();
            Object payload = command.getCommand();
            if (payload instanceof SendTaskSuccess s) {
                String task = task(s.getTaskToken());
                JsonNode output = json(s.getOutput());
                return task == null || output == null ? null : new Event.TaskSucceeded(task, output, time);
            } else if (payload instanceof SendTaskFailure f) {
                String task = task(f.getTaskToken());
                return task == null ? null : new Event.TaskFailed(task, f.getError(), f.getCause(), time);
            } else if (payload instanceof SendTaskHeartbeat h) {
                String task = task(h.getTaskToken());
                return task == null ? null : new Event.TaskHeartbeat(task, time);
            } else if (payload instanceof StopExecution s) {
                return new Event.StopExecution(s.getError(), s.getCause(), time);
            } else if (payload instanceof TimerFired t) {
                return new Event.TimerFired(t.getTimerId(), t.getDueTime().toEpochMilli());
            } else if (payload instanceof io.stepstream.schemas.avro.RedriveExecution r) {
                return new Event.Redrive(r.getClientToken(), time);
            }
            return null;
        }

        private String task(String token) {
            TaskTokens.Decoded decoded = token == null ? null : TaskTokens.decode(token);
            if (decoded == null || !decoded.executionArn().equals(key)) {
                return null;
            }
            return tasks.taskFor(decoded.taskId());
        }

        private static JsonNode json(String text) {
            try {
                return Json.parse(text);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
