package io.stepstream.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.dataflow.Assign;
import io.stepstream.asl.errors.AslError;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.errors.ErrorMatcher;
import io.stepstream.asl.errors.ErrorNames;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.eval.Environment;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.Catcher;
import io.stepstream.asl.model.Limits;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.MapState;
import io.stepstream.asl.model.ParallelState;
import io.stepstream.asl.model.Retrier;
import io.stepstream.asl.model.State;
import io.stepstream.asl.model.StateGraph;
import io.stepstream.asl.model.StateMachine;
import io.stepstream.asl.model.StateType;
import io.stepstream.asl.model.TaskState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The working context of one {@link Interpreter} call: runs frames to their next wait point,
 * collecting history events and effects. Lives for one call only.
 */
final class Run {
    static final int HISTORY_EVENT_LIMIT = 25_000;
    static final int STEP_LIMIT = 250_000;
    private static final Set<String> EVALUATION_ERRORS = Set.of(ErrorNames.RUNTIME, ErrorNames.QUERY_EVALUATION_ERROR,
            ErrorNames.INTRINSIC_FAILURE, ErrorNames.RESULT_PATH_MATCH_FAILURE, ErrorNames.PARAMETER_PATH_FAILURE);

    final StateMachine machine;
    final ExecutionState state;
    final long now;
    final HistoryLevel level;
    final Entropy entropy;
    final List<HistoryEvent> events = new ArrayList<>();
    final List<Effect> effects = new ArrayList<>();
    /** Depth-first work: frames to run and fan-outs to refill. */
    private final Deque<Object> work = new ArrayDeque<>();
    private int steps;
    /** What the state about to exit assigned, for its StateExited event. */
    private Map<String, JsonNode> lastAssigned;
    /** Event types by state type, looked up on every transition. */
    private static final Map<StateType, HistoryEventType> ENTERED = new EnumMap<>(StateType.class);
    private static final Map<StateType, HistoryEventType> EXITED = new EnumMap<>(StateType.class);
    static {
        for (StateType t : StateType.values()) {
            ENTERED.put(t, HistoryEventType.valueOf(t.aslName() + "StateEntered"));
            if (t != StateType.FAIL) {
                EXITED.put(t, HistoryEventType.valueOf(t.aslName() + "StateExited"));
            }
        }
    }

    private record Refill(Frame parent) {}

    Run(StateMachine machine, ExecutionState state, long now, HistoryLevel level, Entropy entropy) {
        this.machine = machine;
        this.state = state;
        this.now = now;
        this.level = level;
        this.entropy = entropy;
    }

    Step step() {
        return new Step(state, events, effects, null);
    }

    // ---- history ---------------------------------------------------------------------------

    boolean keeps(HistoryEventType type) {
        return level.keeps(type);
    }

    /** Writes an event; {@code details} may be null when the level drops the event. */
    long emit(Frame frame, HistoryEventType type, JsonNode details) {
        long id = ++state.lastEventId;
        long previous = frame == null ? id - 1 : frame.lastEventId;
        if (frame != null) {
            frame.lastEventId = id;
        }
        if (level.keeps(type)) {
            events.add(new HistoryEvent(id, previous, type, now, details == null ? Json.NODES.objectNode() : details));
        }
        return id;
    }

    static ObjectNode details() {
        return Json.NODES.objectNode();
    }

    static ObjectNode payload(ObjectNode details, String field, JsonNode value) {
        details.put(field, Json.write(value));
        details.putObject(field + "Details").put("truncated", false);
        return details;
    }

    static ObjectNode errorDetails(AslError error) {
        ObjectNode d = details();
        if (error.error() != null) {
            d.put("error", error.error());
        }
        if (error.cause() != null) {
            d.put("cause", error.cause());
        }
        return d;
    }

    // ---- frames ----------------------------------------------------------------------------

    /** Enters {@code stateName} in {@code frame} with {@code input}. */
    void enter(Frame frame, String stateName, JsonNode input) {
        State s = frame.graph.state(stateName);
        frame.stateName = stateName;
        frame.state = s;
        frame.input = input;
        frame.enteredTime = now;
        frame.retryAttempts = new int[0];
        frame.retryCount = 0;
        frame.wait = null;
        frame.resumption = null;
        frame.halted = null;
        HistoryEventType type = ENTERED.get(s.type());
        ObjectNode d = null;
        if (keeps(type)) {
            d = payload(details().put("name", stateName), "input", input);
        }
        frame.enteredEventId = emit(frame, type, d);
    }

    void schedule(Frame frame) {
        work.push(frame);
    }

    /** Runs until no frame can make progress. */
    void drain() {
        while (!work.isEmpty() && !state.status.isTerminal()) {
            Object item = work.pop();
            if (item instanceof Refill refill) {
                refill(refill.parent());
            } else {
                runFrame((Frame) item);
            }
        }
    }

    private void runFrame(Frame frame) {
        while (!state.status.isTerminal() && !isDetached(frame)) {
            if (++steps > STEP_LIMIT || (state.lastEventId > HISTORY_EVENT_LIMIT && state.info.type() == MachineType.STANDARD)) {
                endExecution(ExecutionStatus.FAILED, new AslError(ErrorNames.RUNTIME,
                        "The execution reached the maximum number of history events (" + HISTORY_EVENT_LIMIT + ")."));
                return;
            }
            State s = frame.state;
            Outcome outcome;
            try {
                outcome = Handlers.run(frame, s, this);
            } catch (AslException e) {
                outcome = new Outcome.Failed(describe(frame, e.error()));
            }
            if (outcome instanceof Outcome.Next next) {
                exit(frame, s, next.output());
                if (next.next() == null) {
                    finish(frame, next.output());
                    return;
                }
                enter(frame, next.next(), next.output());
            } else if (outcome instanceof Outcome.Failed failed) {
                if (!recover(frame, s, failed.error())) {
                    return;
                }
            } else {
                return;
            }
        }
    }

    /** True when the frame's branch was aborted while it waited on the work stack. */
    private static boolean isDetached(Frame frame) {
        return frame.detached;
    }

    /** AWS prefixes evaluation errors with the state and the id of its entered event. */
    private static AslError describe(Frame frame, AslError error) {
        if (error.error() != null && EVALUATION_ERRORS.contains(error.error())) {
            return new AslError(error.error(), "An error occurred while executing the state '" + frame.stateName
                    + "' (entered at the event id #" + frame.enteredEventId + "). " + error.cause());
        }
        return error;
    }

    private void exit(Frame frame, State s, JsonNode output) {
        if (s.type() == StateType.FAIL) {
            return;
        }
        HistoryEventType type = EXITED.get(s.type());
        ObjectNode d = null;
        if (keeps(type)) {
            d = payload(details().put("name", s.name()), "output", output);
            if (lastAssigned != null && !lastAssigned.isEmpty()) {
                ObjectNode vars = d.putObject("assignedVariables");
                lastAssigned.forEach((k, v) -> vars.put(k, Json.write(v)));
                d.putObject("assignedVariablesDetails").put("truncated", false);
            }
        }
        lastAssigned = null;
        emit(frame, type, d);
    }

    /** Applies an Assign's values to the frame's scope (new values are seen from the next state on). */
    void assign(Frame frame, Map<String, JsonNode> values) {
        if (values != null) {
            if (frame.variables == null) {
                frame.variables = new LinkedHashMap<>();
            }
            frame.variables.putAll(values);
        }
        lastAssigned = values;
    }

    /**
     * Evaluates an Assign against the values from before the state and checks AWS's variable
     * limits: 256 KiB per variable and per Assign, 10 MiB for all the variables an execution holds.
     */
    Map<String, JsonNode> evaluate(Frame frame, Assign assign, JsonNode rawInput, JsonNode result, Environment env) {
        if (assign == null) {
            return null;
        }
        Map<String, JsonNode> values = assign.evaluate(rawInput, result, env);
        long assignBytes = 0;
        for (Map.Entry<String, JsonNode> e : values.entrySet()) {
            int size = Json.byteSize(e.getValue());
            if (size > Limits.VARIABLE_BYTES) {
                throw new AslException(ErrorNames.DATA_LIMIT_EXCEEDED, "The variable '" + e.getKey()
                        + "' exceeds the maximum size of " + Limits.VARIABLE_BYTES + " bytes.");
            }
            assignBytes += size;
        }
        if (assignBytes > Limits.ASSIGN_BYTES) {
            throw new AslException(ErrorNames.DATA_LIMIT_EXCEEDED, "The variables assigned by the state exceed the "
                    + "maximum size of " + Limits.ASSIGN_BYTES + " bytes.");
        }
        if (visibleVariableBytes(frame, values) > Limits.EXECUTION_VARIABLE_BYTES) {
            throw new AslException(ErrorNames.DATA_LIMIT_EXCEEDED, "The variables of the execution exceed the "
                    + "maximum size of " + Limits.EXECUTION_VARIABLE_BYTES + " bytes.");
        }
        return values;
    }

    /** The size of every variable in scope once {@code assigned} is applied. Only paid by states that assign. */
    private static long visibleVariableBytes(Frame frame, Map<String, JsonNode> assigned) {
        long total = 0;
        for (JsonNode v : assigned.values()) {
            total += Json.byteSize(v);
        }
        for (Frame f = frame; f != null; f = f.parent) {
            if (f.variables == null) {
                continue;
            }
            for (Map.Entry<String, JsonNode> e : f.variables.entrySet()) {
                if (f != frame || !assigned.containsKey(e.getKey())) {
                    total += Json.byteSize(e.getValue());
                }
            }
        }
        return total;
    }

    // ---- errors: Retry, Catch, propagation -------------------------------------------------

    /** Applies Retry then Catch; true when the frame moved on to a catcher's Next. */
    private boolean recover(Frame frame, State s, AslError error) {
        List<Retrier> retriers = List.of();
        List<Catcher> catchers = List.of();
        if (s instanceof TaskState t) {
            retriers = t.retriers();
            catchers = t.catchers();
        } else if (s instanceof ParallelState p) {
            retriers = p.retriers();
            catchers = p.catchers();
        } else if (s instanceof MapState m) {
            retriers = m.retriers();
            catchers = m.catchers();
        }
        if (retry(frame, retriers, error)) {
            return false;
        }
        for (Catcher catcher : catchers) {
            if (ErrorMatcher.matches(catcher.errorEquals(), error.error())) {
                return caught(frame, s, catcher, error);
            }
        }
        fail(frame, error);
        return false;
    }

    private boolean retry(Frame frame, List<Retrier> retriers, AslError error) {
        for (int i = 0; i < retriers.size(); i++) {
            Retrier r = retriers.get(i);
            if (!ErrorMatcher.matches(r.errorEquals(), error.error())) {
                continue;
            }
            if (frame.retryAttempts.length < retriers.size()) {
                frame.retryAttempts = java.util.Arrays.copyOf(frame.retryAttempts, retriers.size());
            }
            int attempts = frame.retryAttempts[i];
            if (attempts >= r.maxAttempts()) {
                return false; // the first matching retrier decides; later ones are not consulted
            }
            frame.retryAttempts[i] = attempts + 1;
            frame.retryCount++;
            PendingTimer timer = new PendingTimer(newId("retry"), now + backoffMillis(r, attempts + 1));
            frame.wait = new Frame.TimerWait(timer, true);
            frame.resumption = null;
            effects.add(timer.schedule());
            return true;
        }
        return false;
    }

    /** IntervalSeconds × BackoffRate^(attempt−1), capped by MaxDelaySeconds, with FULL jitter if asked. */
    private long backoffMillis(Retrier r, int attempt) {
        double seconds = r.intervalSeconds() * Math.pow(r.backoffRate(), attempt - 1);
        if (r.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, r.maxDelaySeconds());
        }
        long millis = (long) Math.min(seconds * 1000, (double) Long.MAX_VALUE / 4);
        if (r.jitterStrategy() == Retrier.JitterStrategy.FULL) {
            millis = (long) ((entropy.nextLong() >>> 11) * 0x1.0p-53 * millis);
        }
        return millis;
    }

    private boolean caught(Frame frame, State s, Catcher catcher, AslError error) {
        JsonNode errorOutput = error.toErrorOutput();
        Environment env = env(frame, null);
        JsonNode output;
        Map<String, JsonNode> assigned;
        try {
            assigned = evaluate(frame, catcher.assign(), frame.input, errorOutput, env);
            output = catcher.output().output(frame.input, errorOutput, env);
        } catch (AslException e) {
            fail(frame, describe(frame, e.error()));
            return false;
        }
        assign(frame, assigned);
        exit(frame, s, output);
        enter(frame, catcher.next(), output);
        return true;
    }

    /** The frame failed with no retrier or catcher left: its parent state or the execution fails. */
    void fail(Frame frame, AslError error) {
        if (frame.parent == null) {
            endExecution(ExecutionStatus.FAILED, error);
            return;
        }
        Frame parent = frame.parent;
        Frame.Fanout fanout = parent.fanout;
        State parentState = parent.state;
        if (parentState instanceof MapState map) {
            emit(parent, HistoryEventType.MapIterationFailed, iteration(map.name(), frame.index));
            fanout.failed++;
            if (tolerates(fanout)) {
                fanout.running.remove(frame);
                fanout.unsuccessful.add(frame);
                fanout.results[frame.index] = error.toErrorOutput();
                childDone(parent, fanout);
                return;
            }
        }
        fanout.running.remove(frame);
        fanout.unsuccessful.add(frame);
        for (Frame sibling : List.copyOf(fanout.running)) {
            abort(sibling);
        }
        parent.fanout = null;
        parent.halted = fanout;
        parent.wait = null;
        AslError reported = error;
        if (parentState instanceof MapState) {
            emit(parent, HistoryEventType.MapStateFailed, null);
            if (fanout.failed > 0 && (fanout.toleratedFailureCount > 0 || fanout.toleratedFailurePercentage > 0)) {
                reported = new AslError(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD,
                        "The specified tolerated failure threshold was exceeded");
            }
        } else {
            emit(parent, HistoryEventType.ParallelStateFailed, null);
        }
        parent.resumption = new Frame.ChildrenFailed(reported);
        schedule(parent);
    }

    private static boolean tolerates(Frame.Fanout fanout) {
        int total = fanout.inputs.size();
        boolean byCount = fanout.failed <= fanout.toleratedFailureCount;
        boolean byPercent = total > 0 && fanout.failed * 100.0 / total <= fanout.toleratedFailurePercentage;
        return byCount || byPercent;
    }

    /** Aborts a frame and everything below it: cancels what it waits on and says so in the history. */
    void abort(Frame frame) {
        if (frame.fanout != null) {
            for (Frame child : List.copyOf(frame.fanout.running)) {
                abort(child);
            }
            frame.halted = frame.fanout;
            frame.fanout = null;
        }
        cancelWait(frame);
        frame.detached = true;
        State s = frame.state;
        switch (s.type()) {
            case TASK -> emit(frame, HistoryEventType.TaskStateAborted, details().put("name", s.name()));
            case WAIT -> emit(frame, HistoryEventType.WaitStateAborted, details().put("name", s.name()));
            case PARALLEL -> emit(frame, HistoryEventType.ParallelStateAborted, details().put("name", s.name()));
            case MAP -> emit(frame, HistoryEventType.MapStateAborted, details().put("name", s.name()));
            default -> { }
        }
        if (frame.parent != null) {
            State parentState = frame.parent.state;
            if (parentState instanceof MapState map) {
                emit(frame.parent, HistoryEventType.MapIterationAborted, iteration(map.name(), frame.index));
            }
            if (frame.parent.fanout != null) {
                frame.parent.fanout.running.remove(frame);
                frame.parent.fanout.unsuccessful.add(frame);
            }
        }
    }

    private void cancelWait(Frame frame) {
        if (frame.wait instanceof Frame.TaskWait t) {
            effects.add(new Effect.CancelTask(t.taskId(), t.taskToken(),
                    frame.state instanceof TaskState task ? task.resource() : null));
            t.timers().forEach(timer -> effects.add(timer.cancel()));
        } else if (frame.wait instanceof Frame.TimerWait t) {
            effects.add(t.timer().cancel());
        }
        frame.wait = null;
    }

    /** Ends the execution: every frame is aborted, the end is recorded and announced. */
    void endExecution(ExecutionStatus status, AslError error) {
        if (status != ExecutionStatus.FAILED && state.root != null) {
            abort(state.root);
        } else if (state.root != null) {
            state.root.forEach(this::cancelWait);
        }
        if (state.executionTimer != null) {
            effects.add(state.executionTimer.cancel());
            state.executionTimer = null;
        }
        HistoryEventType type = switch (status) {
            case FAILED -> HistoryEventType.ExecutionFailed;
            case TIMED_OUT -> HistoryEventType.ExecutionTimedOut;
            case ABORTED -> HistoryEventType.ExecutionAborted;
            default -> throw new IllegalArgumentException(status.name());
        };
        emit(null, type, errorDetails(error));
        state.status = status;
        state.error = error;
        state.stopTime = now;
        effects.add(new Effect.Complete(status, null, error));
    }

    private void finish(Frame frame, JsonNode output) {
        if (frame.parent == null) {
            if (state.executionTimer != null) {
                effects.add(state.executionTimer.cancel());
                state.executionTimer = null;
            }
            emit(null, HistoryEventType.ExecutionSucceeded,
                    keeps(HistoryEventType.ExecutionSucceeded) ? payload(details(), "output", output) : null);
            state.status = ExecutionStatus.SUCCEEDED;
            state.output = output;
            state.stopTime = now;
            effects.add(new Effect.Complete(ExecutionStatus.SUCCEEDED, output, null));
            return;
        }
        Frame parent = frame.parent;
        Frame.Fanout fanout = parent.fanout;
        fanout.results[frame.index] = output;
        fanout.running.remove(frame);
        State parentState = parent.state;
        if (parentState instanceof MapState map) {
            emit(parent, HistoryEventType.MapIterationSucceeded,
                    keeps(HistoryEventType.MapIterationSucceeded) ? iteration(map.name(), frame.index) : null);
        }
        childDone(parent, fanout);
    }

    private void childDone(Frame parent, Frame.Fanout fanout) {
        fanout.finished++;
        if (fanout.finished == fanout.inputs.size()) {
            ArrayNode results = Json.NODES.arrayNode(fanout.results.length);
            for (JsonNode r : fanout.results) {
                results.add(r);
            }
            parent.fanout = null;
            parent.wait = null;
            parent.resumption = new Frame.ChildrenDone(results);
            schedule(parent);
        } else {
            work.push(new Refill(parent));
        }
    }

    private static ObjectNode iteration(String mapName, int index) {
        return details().put("name", mapName).put("index", index);
    }

    // ---- fan-out ---------------------------------------------------------------------------

    /** Starts the children of a Parallel or Map state (all, or up to MaxConcurrency). */
    void fanOut(Frame parent, Frame.Fanout fanout) {
        if (fanout.inputs.isEmpty()) {
            parent.resumption = new Frame.ChildrenDone(Json.NODES.arrayNode());
            schedule(parent);
            return;
        }
        parent.fanout = fanout;
        parent.halted = null;
        parent.wait = new Frame.ChildrenWait();
        work.push(new Refill(parent));
    }

    // ---- redrive ---------------------------------------------------------------------------

    /**
     * Re-enters the state the frame stopped in, with the same input and variables and fresh retry
     * counters. A Parallel or Map halted on its children resumes its fan-out instead of starting
     * over: only the children that did not succeed run again, each redriven the same way.
     */
    void redrive(Frame frame) {
        Frame.Fanout halted = frame.halted != null ? frame.halted : frame.fanout;
        frame.detached = false;
        frame.fanout = null;
        enter(frame, frame.stateName, frame.input);
        State s = frame.state;
        if (halted == null || !(s instanceof ParallelState || s instanceof MapState)) {
            schedule(frame);
            return;
        }
        Frame.Fanout resumed = halted.redrive();
        if (s instanceof MapState) {
            emit(frame, HistoryEventType.MapStateStarted,
                    keeps(HistoryEventType.MapStateStarted) ? details().put("length", resumed.inputs.size()) : null);
        } else {
            emit(frame, HistoryEventType.ParallelStateStarted, null);
        }
        frame.fanout = resumed;
        frame.wait = new Frame.ChildrenWait();
        work.push(new Refill(frame));
    }

    /** Starts one more child if the fan-out has room, then comes back for the next. */
    private void refill(Frame parent) {
        Frame.Fanout fanout = parent.fanout;
        if (fanout == null || (fanout.nextToStart >= fanout.inputs.size() && fanout.redriven.isEmpty())) {
            return;
        }
        if (fanout.maxConcurrency > 0 && fanout.running.size() >= fanout.maxConcurrency) {
            return;
        }
        if (!fanout.redriven.isEmpty()) {
            Frame child = fanout.redriven.remove(0);
            if (parent.state instanceof MapState m) {
                emit(parent, HistoryEventType.MapIterationStarted,
                        keeps(HistoryEventType.MapIterationStarted) ? iteration(m.name(), child.index) : null);
            }
            child.lastEventId = parent.lastEventId;
            fanout.running.add(child);
            work.push(new Refill(parent));
            redrive(child);
            return;
        }
        int index = fanout.nextToStart++;
        State parentState = parent.state;
        StateGraph graph;
        if (parentState instanceof ParallelState p) {
            graph = p.branches().get(index);
        } else {
            MapState m = (MapState) parentState;
            graph = m.processor();
            emit(parent, HistoryEventType.MapIterationStarted,
                    keeps(HistoryEventType.MapIterationStarted) ? iteration(m.name(), index) : null);
        }
        Frame child = new Frame(parent.id + "/" + index, graph, parent, index);
        child.lastEventId = parent.lastEventId;
        fanout.running.add(child);
        work.push(new Refill(parent));
        enter(child, graph.startAt(), fanout.inputs.get(index));
        work.push(child);
    }

    // ---- evaluation environment ------------------------------------------------------------

    String newId(String kind) {
        return kind + "-" + (++state.sequence);
    }

    /** The environment of the frame's current state; {@code extra} is merged into the context object. */
    Environment env(Frame frame, ObjectNode extra) {
        return new Environment(() -> contextObject(frame, extra), frame::variable, entropy, now);
    }

    private JsonNode contextObject(Frame frame, ObjectNode extra) {
        ExecutionInfo info = state.info;
        ObjectNode ctx = Json.NODES.objectNode();
        ObjectNode execution = ctx.putObject("Execution");
        execution.put("Id", info.executionArn());
        execution.set("Input", info.input());
        execution.put("StartTime", Timestamps.format(info.startTime()));
        execution.put("Name", info.name());
        execution.put("RoleArn", info.roleArn());
        execution.put("RedriveCount", state.redriveCount);
        if (state.redriveCount > 0) {
            execution.put("RedriveTime", Timestamps.format(state.redriveTime));
        }
        ObjectNode machineNode = ctx.putObject("StateMachine");
        machineNode.put("Id", info.stateMachineArn());
        machineNode.put("Name", info.stateMachineName());
        ObjectNode stateNode = ctx.putObject("State");
        stateNode.put("EnteredTime", Timestamps.format(frame.enteredTime));
        stateNode.put("Name", frame.stateName);
        StateType type = frame.state.type();
        if (type == StateType.TASK || type == StateType.PARALLEL || type == StateType.MAP) {
            stateNode.put("RetryCount", frame.retryCount); // only states that can retry carry it
        }
        if (extra != null) {
            ctx.setAll(extra);
        }
        return ctx;
    }
}
