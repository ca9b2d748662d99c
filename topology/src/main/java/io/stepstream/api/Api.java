package io.stepstream.api;

import io.stepstream.runtime.KafkaEngine;
import java.time.Clock;

/** What every operation group shares: the engine, its stores, its ARNs, the definitions topic's writer and the clock. */
record Api(KafkaEngine engine, EngineView view, Arns arns, Catalog catalog, Clock clock) {

    /** AWS JSON timestamps are epoch seconds with a fraction. */
    static double seconds(long epochMillis) {
        return epochMillis / 1000.0;
    }
}
