package io.stepstream.asl.engine;

import io.stepstream.asl.model.MachineType;

/**
 * Whether an ended execution may be redriven, and AWS's {@code redriveStatusReason} when it may
 * not. One rule for the interpreter (which rejects a redrive it refuses) and for DescribeExecution.
 */
public final class Redrivability {
    /** AWS's redrivable period: 14 days after the execution stopped. */
    public static final long REDRIVABLE_PERIOD_MILLIS = 14L * 24 * 3600 * 1000;
    /** A Standard execution's maximum duration, one year, which a redrive cannot extend. */
    static final long MAX_EXECUTION_MILLIS = 365L * 24 * 3600 * 1000;
    /** AWS: an execution whose history reached 24,999 events cannot be redriven. */
    static final long HISTORY_EVENT_LIMIT = 24_999;

    private Redrivability() {}

    /**
     * The reason the execution cannot be redriven at {@code now}, in AWS's words; null when it can.
     *
     * @param stopTime epoch millis when it ended (ignored while it runs)
     * @param lastEventId the id of its last history event
     */
    public static String refusal(ExecutionStatus status, MachineType type, long startTime, long stopTime,
                                 long lastEventId, long now) {
        if (type == MachineType.EXPRESS) {
            return "Express executions cannot be redriven";
        }
        if (status == ExecutionStatus.RUNNING || status == ExecutionStatus.SUCCEEDED) {
            return "Execution is " + status + " and cannot be redriven";
        }
        if (lastEventId >= HISTORY_EVENT_LIMIT) {
            return "Execution history event limit exceeded";
        }
        if (now - startTime >= MAX_EXECUTION_MILLIS) {
            return "Execution has exceeded the max execution time";
        }
        if (now - stopTime > REDRIVABLE_PERIOD_MILLIS) {
            return "Execution redrivable period exceeded";
        }
        return null;
    }
}
