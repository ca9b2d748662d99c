package io.stepstream.asl.engine;

/** An execution's status, as DescribeExecution reports it. */
public enum ExecutionStatus {
    RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED;

    public boolean isTerminal() {
        return this != RUNNING;
    }
}
