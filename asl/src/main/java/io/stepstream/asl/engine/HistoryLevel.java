package io.stepstream.asl.engine;

/** Which transitions are materialised (Express log levels; Standard always uses ALL). */
public enum HistoryLevel {
    ALL, ERROR, FATAL, OFF;

    boolean keeps(HistoryEventType type) {
        return switch (this) {
            case ALL -> true;
            case ERROR -> type.isError() || type.name().startsWith("Execution");
            case FATAL -> type.name().startsWith("Execution") && type != HistoryEventType.ExecutionStarted
                    && type != HistoryEventType.ExecutionSucceeded;
            case OFF -> false;
        };
    }
}
