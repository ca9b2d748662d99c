package io.stepstream.runtime.replay;

import io.stepstream.runtime.replay.ExecutionResult.Verdict;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.HistoryEvent;
import io.stepstream.schemas.avro.TransitionBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Compares a replayed execution with the recorded one: events, then batch boundaries, then the completion. */
final class HistoryComparison {
    private static final Set<String> ENDS = Set.of("ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut",
            "ExecutionAborted");
    private static final int SHOWN = 160;

    private HistoryComparison() {}

    static ExecutionResult compare(String executionId, List<TransitionBatch> recordedBatches, Completion recordedEnd,
                                   List<TransitionBatch> replayedBatches, Completion replayedEnd) {
        String status = replayedEnd == null ? "RUNNING" : replayedEnd.getStatus().name();
        List<HistoryEvent> recorded = events(recordedBatches);
        List<HistoryEvent> replayed = events(replayedBatches);
        int shared = Math.min(recorded.size(), replayed.size());
        for (int i = 0; i < shared; i++) {
            HistoryEvent r = recorded.get(i);
            HistoryEvent p = replayed.get(i);
            if (!r.equals(p)) {
                return new ExecutionResult(executionId, Verdict.DIFFERENT, r.getId(), r.getType(), p.getType(),
                        "event " + r.getId() + " " + difference(r, p), status);
            }
        }
        if (recorded.size() != replayed.size()) {
            boolean recordedLonger = recorded.size() > replayed.size();
            List<HistoryEvent> shorter = recordedLonger ? replayed : recorded;
            HistoryEvent next = (recordedLonger ? recorded : replayed).get(shared);
            boolean shorterEnded = !shorter.isEmpty() && ENDS.contains(shorter.get(shorter.size() - 1).getType());
            String what = (recordedLonger ? "the record" : "the replay") + " goes on with event " + next.getId() + " "
                    + next.getType() + " after " + (recordedLonger ? "the replay" : "the record") + " stops at "
                    + shared + " events";
            return new ExecutionResult(executionId, shorterEnded ? Verdict.DIFFERENT : Verdict.INCOMPLETE, next.getId(),
                    recordedLonger ? next.getType() : "nothing", recordedLonger ? "nothing" : next.getType(),
                    what, status);
        }
        if (!recordedBatches.equals(replayedBatches)) {
            return new ExecutionResult(executionId, Verdict.DIFFERENT, 0, recordedBatches.size() + " batches",
                    replayedBatches.size() + " batches", "the same events, in " + recordedBatches.size()
                    + " recorded and " + replayedBatches.size() + " replayed batches", status);
        }
        if (!Objects.equals(recordedEnd, replayedEnd)) {
            String r = recordedEnd == null ? "no completion" : recordedEnd.getStatus().name();
            String p = replayedEnd == null ? "no completion" : replayedEnd.getStatus().name();
            Verdict verdict = recordedEnd == null || replayedEnd == null ? Verdict.INCOMPLETE : Verdict.DIFFERENT;
            return new ExecutionResult(executionId, verdict, 0, r, p, "completion: recorded " + shorten(
                    String.valueOf(recordedEnd)) + ", replayed " + shorten(String.valueOf(replayedEnd)), status);
        }
        return new ExecutionResult(executionId, Verdict.MATCH, 0, null, null, null, status);
    }

    private static List<HistoryEvent> events(List<TransitionBatch> batches) {
        List<HistoryEvent> all = new ArrayList<>();
        batches.forEach(b -> all.addAll(b.getEvents()));
        return all;
    }

    private static String difference(HistoryEvent r, HistoryEvent p) {
        if (!r.getType().equals(p.getType())) {
            return "type: recorded " + r.getType() + ", replayed " + p.getType();
        }
        if (!r.getTimestamp().equals(p.getTimestamp())) {
            return r.getType() + " timestamp: recorded " + r.getTimestamp() + ", replayed " + p.getTimestamp();
        }
        if (!Objects.equals(r.getDetails(), p.getDetails())) {
            return r.getType() + " details: recorded " + shorten(r.getDetails()) + ", replayed " + shorten(p.getDetails());
        }
        return r.getType() + ": recorded " + shorten(r.toString()) + ", replayed " + shorten(p.toString());
    }

    private static String shorten(String text) {
        return text == null || text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "...";
    }
}
