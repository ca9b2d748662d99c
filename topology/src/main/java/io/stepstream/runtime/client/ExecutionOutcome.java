package io.stepstream.runtime.client;

import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.ExecutionStatus;

/**
 * How a started execution turned out: it completed (the record of the completions topic), or
 * its StartExecution was dead-lettered (unknown machine, invalid input, ExecutionAlreadyExists...).
 *
 * @param completion null when the start was rejected
 * @param rejection the dead-letter reason; null when it completed
 */
public record ExecutionOutcome(String executionArn, Completion completion, String rejection) {

    public boolean isRejected() {
        return rejection != null;
    }

    /** The status, or null when the start was rejected. */
    public ExecutionStatus status() {
        return completion == null ? null : completion.getStatus();
    }

    @Override
    public String toString() {
        return isRejected() ? executionArn + " rejected: " + rejection : executionArn + " " + status()
                + (completion.getOutput() != null ? " " + completion.getOutput() : "")
                + (completion.getError() != null ? " " + completion.getError() + ": " + completion.getCause() : "");
    }
}
