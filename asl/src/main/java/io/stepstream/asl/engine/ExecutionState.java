package io.stepstream.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslError;
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
    String executionTimerId;
    Frame root;

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
        s.executionTimerId = executionTimerId;
        s.root = root == null ? null : root.copy(null);
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

    /** The id of the last history event written. */
    public long lastEventId() {
        return lastEventId;
    }

    /**
     * The token the task {@code taskId} was dispatched with, while the execution waits on it; null
     * otherwise. A runtime compares it with a callback's whole token, whose nonce makes it
     * unguessable (the task id alone is not).
     */
    public String taskToken(String taskId) {
        String[] token = new String[1];
        if (root != null && !status.isTerminal()) {
            root.forEach(f -> {
                if (f.wait instanceof Frame.TaskWait t && t.taskId().equals(taskId)) {
                    token[0] = t.taskToken();
                }
            });
        }
        return token[0];
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
