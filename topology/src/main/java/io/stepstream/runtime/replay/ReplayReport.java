package io.stepstream.runtime.replay;

import io.stepstream.runtime.replay.ExecutionResult.Verdict;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a replay: one result per selected execution, in the order their starts were read.
 *
 * @param transitionsTopic where the replayed transition batches were written (null when not written)
 * @param completionsTopic where the replayed completions were written (null when not written)
 * @param tasksDispatched tasks the replay would have dispatched (none was sent)
 * @param reordered times the recorded order overruled the virtual clock (a command had raced a timer)
 */
public record ReplayReport(String id, String transitionsTopic, String completionsTopic, List<ExecutionResult> results,
                           long tasksDispatched, long reordered, long elapsedMillis) {

    public ReplayReport {
        results = List.copyOf(results);
    }

    public Map<Verdict, Integer> totals() {
        Map<Verdict, Integer> totals = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            totals.put(v, 0);
        }
        results.forEach(r -> totals.merge(r.verdict(), 1, Integer::sum));
        return totals;
    }

    /** True when every replayed execution matched (skipped ones aside). */
    public boolean allMatch() {
        return results.stream().allMatch(r -> r.verdict() == Verdict.MATCH || r.verdict() == Verdict.SKIPPED);
    }

    /** One line: the totals. */
    public String summary() {
        Map<Verdict, Integer> t = totals();
        return String.format("%d executions: %d MATCH, %d DIFFERENT, %d INCOMPLETE, %d SKIPPED (%.1f s; %d tasks not"
                        + " dispatched; %d commands that raced a timer replayed in the recorded order%s)", results.size(),
                t.get(Verdict.MATCH), t.get(Verdict.DIFFERENT), t.get(Verdict.INCOMPLETE), t.get(Verdict.SKIPPED),
                elapsedMillis / 1000.0, tasksDispatched, reordered,
                transitionsTopic == null ? "" : "; replayed transitions in " + transitionsTopic);
    }
}
