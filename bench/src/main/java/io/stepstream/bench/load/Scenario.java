package io.stepstream.bench.load;

import io.stepstream.asl.engine.HistoryLevel;
import io.stepstream.asl.model.MachineType;
import io.stepstream.runtime.EngineConfig.Guarantee;

/**
 * What the load generator runs: a machine (a file in {@code bench/machines}), its type, the engine
 * guarantee that type needs, the Express history level, and whether a worker answers tasks.
 * Express runs on an {@code AT_LEAST_ONCE} engine with history OFF (topology/README.md: the
 * high-rate Express deployment); Standard needs {@code EXACTLY_ONCE} and always writes its history.
 */
enum Scenario {
    /** (a) Express, the five-state machine of Pass/Choice/intrinsics/inline Map, no task. */
    EXPRESS("five-states", MachineType.EXPRESS, Guarantee.AT_LEAST_ONCE, false),
    /** (b) Express with one Task answered by the bench's worker. */
    EXPRESS_TASK("load-task", MachineType.EXPRESS, Guarantee.AT_LEAST_ONCE, true),
    /** (c) Standard with one Task answered by the bench's worker. */
    STANDARD_TASK("load-task", MachineType.STANDARD, Guarantee.EXACTLY_ONCE, true),
    /** Every execution waits 60-120 s on a timer (Express, so the engine may run at least once). */
    TIMERS("load-sleep", MachineType.EXPRESS, Guarantee.AT_LEAST_ONCE, false);

    final String machine;
    final MachineType type;
    final Guarantee guarantee;
    final boolean task;

    Scenario(String machine, MachineType type, Guarantee guarantee, boolean task) {
        this.machine = machine;
        this.type = type;
        this.guarantee = guarantee;
        this.task = task;
    }

    HistoryLevel expressHistory() {
        return HistoryLevel.OFF;
    }

    /** The name on the command line: {@code express-task} for {@code EXPRESS_TASK}. */
    String cliName() {
        return name().toLowerCase().replace('_', '-');
    }

    static Scenario parse(String name) {
        return valueOf(name.toUpperCase().replace('-', '_'));
    }
}
