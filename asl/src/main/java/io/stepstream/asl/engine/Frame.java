package io.stepstream.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslError;
import io.stepstream.asl.model.State;
import io.stepstream.asl.model.StateGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One thread of control in an execution: the root States block, a Parallel branch or a Map
 * iteration. Mutable, but only ever mutated on a private copy inside one {@link Interpreter} call
 * (see {@link ExecutionState#copy()}), which keeps the interpreter a pure function while avoiding
 * a persistent-tree rebuild on every transition.
 */
final class Frame {
    /** "" for the root, then "/i" per level: the route of task results and timers. */
    final String id;
    final StateGraph graph;
    final Frame parent;
    /** Branch or item index in the parent's fan-out; -1 for the root. */
    final int index;

    String stateName;
    /** The state named {@link #stateName}, resolved once on entry. */
    State state;
    JsonNode input;
    long enteredEventId;
    long enteredTime;
    long lastEventId;
    /** This scope's variables, null until the first Assign; outer scopes are read through {@link #parent}. */
    Map<String, JsonNode> variables;
    /** Attempts used per retrier index during this visit of the state. */
    int[] retryAttempts = new int[0];
    int retryCount;
    /** What the frame waits for; null when it can run. */
    Wait wait;
    /** Set by an event and consumed by the handler when the frame runs again. */
    Resumption resumption;
    /** Set when the frame's branch was aborted; work queued for it is dropped. */
    boolean detached;
    /** Bookkeeping of the Parallel or Map state the frame is in, while its children run. */
    Fanout fanout;
    /**
     * The fan-out as it stood when this Parallel or Map state failed on a child or was aborted:
     * the results of the children that succeeded and the frames of those that did not. Kept (until
     * the frame enters a state or fans out again) so that a redrive re-runs only the unsuccessful
     * children, each from where it stopped.
     */
    Fanout halted;

    Frame(String id, StateGraph graph, Frame parent, int index) {
        this.id = id;
        this.graph = graph;
        this.parent = parent;
        this.index = index;
    }

    /** What a frame is suspended on. */
    sealed interface Wait {}

    /** A dispatched task, with the timers that bound it. */
    record TaskWait(String taskId, String taskToken, PendingTimer timeout, PendingTimer heartbeat,
                    long heartbeatSeconds) implements Wait {
        /** Whether {@code timerId} is this task's TimeoutSeconds or HeartbeatSeconds timer. */
        boolean bounds(String timerId) {
            return timers().stream().anyMatch(timer -> timer.id().equals(timerId));
        }

        /** The task's timers still pending, TimeoutSeconds first. */
        List<PendingTimer> timers() {
            return Stream.of(timeout, heartbeat).filter(Objects::nonNull).toList();
        }

        /** This wait once {@code timerId} fired: the fired timer is no longer pending. */
        TaskWait fired(String timerId) {
            return new TaskWait(taskId, taskToken, timeout != null && timeout.id().equals(timerId) ? null : timeout,
                    heartbeat != null && heartbeat.id().equals(timerId) ? null : heartbeat, heartbeatSeconds);
        }
    }

    /** A Wait state's delay, or a Retry backoff. */
    record TimerWait(PendingTimer timer, boolean retry) implements Wait {}

    /** The children of a Parallel or Map state. */
    record ChildrenWait() implements Wait {}

    /** What the frame resumes with. */
    sealed interface Resumption {}

    record TaskResult(JsonNode output) implements Resumption {}

    record TaskError(AslError error, boolean timedOut) implements Resumption {}

    record TimerDone() implements Resumption {}

    record ChildrenDone(JsonNode results) implements Resumption {}

    record ChildrenFailed(AslError error) implements Resumption {}

    /** The fan-out of a Parallel or Map state: inputs still to start, running children, results. */
    static final class Fanout {
        final List<JsonNode> inputs;
        final JsonNode[] results;
        final List<Frame> running = new ArrayList<>();
        /** Children that failed (tolerated or not) or were aborted, as they stopped: re-run by a redrive. */
        final List<Frame> unsuccessful = new ArrayList<>();
        /** Children a redrive re-runs before starting the ones never started (index order). */
        final List<Frame> redriven = new ArrayList<>();
        final int maxConcurrency;
        int nextToStart;
        int finished;
        int failed;
        final long toleratedFailureCount;
        final double toleratedFailurePercentage;

        Fanout(List<JsonNode> inputs, int maxConcurrency, long toleratedFailureCount, double toleratedFailurePercentage) {
            this.inputs = inputs;
            this.results = new JsonNode[inputs.size()];
            this.maxConcurrency = maxConcurrency;
            this.toleratedFailureCount = toleratedFailureCount;
            this.toleratedFailurePercentage = toleratedFailurePercentage;
        }

        Fanout copy(Frame newParent) {
            Fanout f = new Fanout(inputs, maxConcurrency, toleratedFailureCount, toleratedFailurePercentage);
            System.arraycopy(results, 0, f.results, 0, results.length);
            f.nextToStart = nextToStart;
            f.finished = finished;
            f.failed = failed;
            for (Frame child : running) {
                f.running.add(child.copy(newParent));
            }
            for (Frame child : unsuccessful) {
                f.unsuccessful.add(child.copy(newParent));
            }
            for (Frame child : redriven) {
                f.redriven.add(child.copy(newParent));
            }
            return f;
        }

        /**
         * The fan-out a redrive resumes: the successful children keep their results, the
         * unsuccessful ones (and any still listed as running) are queued to run again in index
         * order, the never started ones start after them; failure counts start again from zero.
         */
        Fanout redrive() {
            Fanout f = new Fanout(inputs, maxConcurrency, toleratedFailureCount, toleratedFailurePercentage);
            System.arraycopy(results, 0, f.results, 0, results.length);
            List<Frame> again = new ArrayList<>(redriven);
            again.addAll(unsuccessful);
            again.addAll(running);
            again.sort(java.util.Comparator.comparingInt(c -> c.index));
            for (Frame child : again) {
                f.results[child.index] = null;
            }
            f.redriven.addAll(again);
            f.nextToStart = nextToStart;
            f.finished = nextToStart - again.size();
            return f;
        }
    }

    /** A deep copy under {@code newParent}; JSON values are shared because nothing mutates them. */
    Frame copy(Frame newParent) {
        Frame f = new Frame(id, graph, newParent, index);
        f.stateName = stateName;
        f.state = state;
        f.input = input;
        f.enteredEventId = enteredEventId;
        f.enteredTime = enteredTime;
        f.lastEventId = lastEventId;
        f.variables = variables == null ? null : new LinkedHashMap<>(variables);
        f.retryAttempts = retryAttempts.clone();
        f.retryCount = retryCount;
        f.wait = wait;
        f.resumption = resumption;
        f.fanout = fanout == null ? null : fanout.copy(f);
        f.halted = halted == null ? null : halted.copy(f);
        return f;
    }

    /** The variable as seen from this frame: its own scope first, then the outer ones. */
    JsonNode variable(String name) {
        for (Frame f = this; f != null; f = f.parent) {
            JsonNode v = f.variables == null ? null : f.variables.get(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Visits this frame and every frame below it. */
    void forEach(java.util.function.Consumer<Frame> visitor) {
        visitor.accept(this);
        if (fanout != null) {
            for (Frame child : fanout.running) {
                child.forEach(visitor);
            }
        }
    }
}
