package io.stepstream.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslError;

/** What running a state's handler leads to. */
sealed interface Outcome {

    /** The state is done: go to {@code next}, or end the frame when next is null. */
    record Next(String next, JsonNode output) implements Outcome {}

    /** The state failed: Retry and Catch decide what follows. */
    record Failed(AslError error) implements Outcome {}

    /** The state waits for a task, a timer or its children. */
    record Suspended() implements Outcome {
        static final Suspended INSTANCE = new Suspended();
    }
}
