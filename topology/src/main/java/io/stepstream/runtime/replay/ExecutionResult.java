package io.stepstream.runtime.replay;

/**
 * How one replayed execution compares with its recorded run.
 *
 * @param executionId the execution ARN
 * @param verdict MATCH, DIFFERENT, INCOMPLETE or SKIPPED
 * @param eventId the id of the first differing event (0 when none or not about an event)
 * @param recorded what the record has there (an event type, "nothing", a status...); null on MATCH
 * @param replayed what the replay has there; null on MATCH
 * @param detail one line for people: what differs, or why it was skipped; null on MATCH
 * @param status the replayed execution's status (SUCCEEDED..., or RUNNING when it did not end)
 */
public record ExecutionResult(String executionId, Verdict verdict, long eventId, String recorded, String replayed,
                              String detail, String status) {

    /** The outcome of comparing one execution. */
    public enum Verdict {
        /** Every transition batch and the completion are equal. */
        MATCH,
        /** Both runs have an event (or a completion) the other does not have in the same place. */
        DIFFERENT,
        /** One history is a strict prefix of the other and the shorter one had not ended. */
        INCOMPLETE,
        /** Not replayed: its start was rejected (unknown machine, invalid input) or it is filtered out. */
        SKIPPED
    }

    /** One line for the report. */
    public String describe() {
        return switch (verdict) {
            case MATCH -> "MATCH       " + executionId + " (" + status + ")";
            case SKIPPED -> "SKIPPED     " + executionId + ": " + detail;
            default -> String.format("%-11s %s: %s", verdict, executionId, detail);
        };
    }
}
