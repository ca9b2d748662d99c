package io.stepstream.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslError;
import io.stepstream.asl.model.TaskState;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the interpreter knows about one execution between two events. Treat it as a value:
 * {@link Interpreter} never changes the instance it is given and returns a new one.
 */
public final class ExecutionState {
    final ExecutionInfo info;
    ExecutionStatus status = ExecutionStatus.RUNNING;
    JsonNode output;
    AslError error;
    long stopTime;
    /** Transitions taken so far: seeds the entropy and names tasks and timers. */
    long sequence;
    long lastEventId;
    /** Timer of the execution's TimeoutSeconds or the Express five-minute limit; may be null. */
    PendingTimer executionTimer;
    /**
     * Where the execution was when it ended unsuccessfully is kept in {@link #root}: the frames of
     * the unsuccessful states, and under a Parallel or Map the children that succeeded (see
     * {@link Frame#halted}); a redrive re-enters them.
     */
    Frame root;
    /** How many times it was redriven, and when last (epoch millis, 0 if never). */
    int redriveCount;
    long redriveTime;
    /** The client token of the last redrive, which makes a repeated RedriveExecution a no-op; may be null. */
    String redriveToken;

    ExecutionState(ExecutionInfo info) {
        this.info = info;
    }

    /** A copy the interpreter may change; frames are deep-copied, JSON values shared. */
    ExecutionState copy() {
        ExecutionState s = new ExecutionState(info);
        s.status = status;
        s.output = output;
        s.error = error;
        s.stopTime = stopTime;
        s.sequence = sequence;
        s.lastEventId = lastEventId;
        s.executionTimer = executionTimer;
        s.root = root == null ? null : root.copy(null);
        s.redriveCount = redriveCount;
        s.redriveTime = redriveTime;
        s.redriveToken = redriveToken;
        return s;
    }

    public ExecutionInfo info() {
        return info;
    }

    public ExecutionStatus status() {
        return status;
    }

    /** The execution output once it succeeded; null otherwise. */
    public JsonNode output() {
        return output;
    }

    /** The error once it failed, timed out or was aborted; null otherwise. */
    public AslError error() {
        return error;
    }

    /** Epoch millis when it ended; 0 while running. */
    public long stopTime() {
        return stopTime;
    }

    /** How many times the execution was redriven ({@code $$.Execution.RedriveCount}). */
    public int redriveCount() {
        return redriveCount;
    }

    /** Epoch millis of the last redrive; 0 if it was never redriven. */
    public long redriveTime() {
        return redriveTime;
    }

    /** The client token of the last redrive; null if none was given or it was never redriven. */
    public String redriveToken() {
        return redriveToken;
    }

    /** Why the execution cannot be redriven at {@code now} (AWS's redriveStatusReason); null when it can. */
    public String redriveRefusal(long now) {
        return Redrivability.refusal(status, info.type(), info.startTime(), stopTime, lastEventId, now);
    }

    /**
     * The timers the execution waits on, while it runs: its TimeoutSeconds (or Express limit), and
     * its frames' Wait, Retry backoff, task TimeoutSeconds and HeartbeatSeconds timers. Each was
     * scheduled by a {@link Effect.ScheduleTimer} and not yet cancelled or fired; when the execution
     * ends, every one of them is cancelled by a {@link Effect.CancelTimer}.
     */
    public List<PendingTimer> pendingTimers() {
        List<PendingTimer> timers = new ArrayList<>();
        if (status.isTerminal()) {
            return timers;
        }
        if (executionTimer != null) {
            timers.add(executionTimer);
        }
        if (root != null) {
            root.forEach(f -> {
                if (f.wait instanceof Frame.TimerWait t) {
                    timers.add(t.timer());
                } else if (f.wait instanceof Frame.TaskWait t) {
                    timers.addAll(t.timers());
                }
            });
        }
        return timers;
    }

    /**
     * The timer of the execution's TimeoutSeconds (for an Express execution, at most its five-minute
     * limit) while the execution runs and it is pending; otherwise null.
     */
    public PendingTimer executionTimer() {
        return status.isTerminal() ? null : executionTimer;
    }

    /** The id of the last history event written. */
    public long lastEventId() {
        return lastEventId;
    }

    /** A Task state the execution waits on, and the token its task was dispatched with. */
    public record AwaitedTask(TaskState state, String taskToken) {}

    /**
     * The Task state that waits on task {@code taskId}, with its token; null when the execution does
     * not wait on it. A runtime compares the token with a callback's whole token, whose nonce makes
     * it unguessable (the task id alone is not).
     */
    public AwaitedTask awaitedTask(String taskId) {
        Frame frame = awaiting(taskId);
        return frame == null ? null
                : new AwaitedTask((TaskState) frame.state, ((Frame.TaskWait) frame.wait).taskToken());
    }

    private Frame awaiting(String taskId) {
        Frame[] found = new Frame[1];
        if (root != null && !status.isTerminal()) {
            root.forEach(f -> {
                if (f.wait instanceof Frame.TaskWait t && t.taskId().equals(taskId)) {
                    found[0] = f;
                }
            });
        }
        return found[0];
    }

    /** The names of the states currently running, root first (empty once the execution ended). */
    public List<String> activeStates() {
        List<String> names = new ArrayList<>();
        if (root != null && !status.isTerminal()) {
            root.forEach(f -> names.add(f.stateName));
        }
        return names;
    }
}
