package io.stepstream.runtime.replay;

import io.stepstream.asl.engine.Effect;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes a recorded task result to the task the replay dispatched. With the recorded definition
 * the ids are the same (the interpreter is deterministic); with a new definition they may shift
 * (ids count every task and timer), so a result goes to the replayed task of the same state name
 * and the same rank among that state's dispatches (the 3rd dispatch of "Charge" gets the result
 * of the recorded 3rd dispatch of "Charge"). Not thread-safe; one per replayed execution.
 */
final class TaskMatcher {
    /** Recorded task id -> "state#rank"; null: ids are the same. */
    private final Map<String, String> recorded;
    private final Map<String, String> replayed = new HashMap<>();
    private final Map<String, Integer> ranks = new HashMap<>();

    private TaskMatcher(Map<String, String> recorded) {
        this.recorded = recorded;
    }

    /** Recorded results name the replayed tasks as they are. */
    static TaskMatcher sameIds() {
        return new TaskMatcher(null);
    }

    /** Recorded results go by state name and rank; {@code recordedDispatches} in dispatch order. */
    static TaskMatcher byStateAndRank(List<Effect.DispatchTask> recordedDispatches) {
        Map<String, String> keys = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Effect.DispatchTask task : recordedDispatches) {
            keys.put(task.taskId(), key(task, counts));
        }
        return new TaskMatcher(keys);
    }

    void dispatched(Effect.DispatchTask task) {
        if (recorded != null) {
            replayed.put(key(task, ranks), task.taskId());
        }
    }

    /** The replayed task a recorded result is for, or null when the replay dispatched none. */
    String taskFor(String recordedTaskId) {
        if (recorded == null) {
            return recordedTaskId;
        }
        String key = recorded.get(recordedTaskId);
        return key == null ? null : replayed.get(key);
    }

    private static String key(Effect.DispatchTask task, Map<String, Integer> counts) {
        return task.stateName() + "#" + counts.merge(task.stateName(), 1, Integer::sum);
    }
}
