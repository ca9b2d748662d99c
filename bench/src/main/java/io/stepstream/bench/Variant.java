package io.stepstream.bench;

import io.stepstream.asl.engine.HistoryLevel;
import io.stepstream.asl.model.MachineType;

/** The workflow types and history levels measured: what a user picks when creating a state machine. */
public enum Variant {
    /** An Express workflow with logging off: no history events are materialised. */
    EXPRESS_OFF(MachineType.EXPRESS, HistoryLevel.OFF),
    /** An Express workflow logging every event. */
    EXPRESS_ALL(MachineType.EXPRESS, HistoryLevel.ALL),
    /** A Standard workflow: the full history, always. */
    STANDARD(MachineType.STANDARD, HistoryLevel.ALL);

    private final MachineType type;
    private final HistoryLevel level;

    Variant(MachineType type, HistoryLevel level) {
        this.type = type;
        this.level = level;
    }

    public MachineType type() {
        return type;
    }

    public HistoryLevel level() {
        return level;
    }
}
