package io.stepstream.asl.engine;

/** AWS Step Functions' history event types, the names of every transition Stepstream records. */
public enum HistoryEventType {
    ExecutionStarted, ExecutionSucceeded, ExecutionFailed, ExecutionTimedOut, ExecutionAborted, ExecutionRedriven,
    TaskStateEntered, TaskStateExited, TaskStateAborted,
    TaskScheduled, TaskStarted, TaskStartFailed, TaskSubmitted, TaskSubmitFailed, TaskSucceeded, TaskFailed, TaskTimedOut,
    LambdaFunctionScheduled, LambdaFunctionScheduleFailed, LambdaFunctionStarted, LambdaFunctionStartFailed,
    LambdaFunctionSucceeded, LambdaFunctionFailed, LambdaFunctionTimedOut,
    ActivityScheduled, ActivityScheduleFailed, ActivityStarted, ActivitySucceeded, ActivityFailed, ActivityTimedOut,
    ChoiceStateEntered, ChoiceStateExited,
    PassStateEntered, PassStateExited,
    WaitStateEntered, WaitStateExited, WaitStateAborted,
    SucceedStateEntered, SucceedStateExited,
    FailStateEntered,
    ParallelStateEntered, ParallelStateStarted, ParallelStateSucceeded, ParallelStateFailed, ParallelStateAborted,
    ParallelStateExited,
    MapStateEntered, MapStateStarted, MapStateSucceeded, MapStateFailed, MapStateAborted, MapStateExited,
    MapIterationStarted, MapIterationSucceeded, MapIterationFailed, MapIterationAborted,
    MapRunStarted, MapRunSucceeded, MapRunFailed, MapRunAborted, MapRunRedriven,
    EvaluationFailed;

    /** True for the events that history level ERROR keeps (failures and aborts). */
    public boolean isError() {
        String n = name();
        return n.endsWith("Failed") || n.endsWith("TimedOut") || n.endsWith("Aborted");
    }
}
