package io.stepstream.asl.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.engine.Effect;

/** An in-process implementation of Task resources, for embedding, the local runner and tests. */
@FunctionalInterface
public interface LocalTaskHandler {

    /** Runs the task; called on the driver's thread, so it must not block for long. */
    Outcome handle(Effect.DispatchTask task);

    /** How a task ended, or that it will be completed later by a callback. */
    sealed interface Outcome {
        record Succeeded(JsonNode output) implements Outcome {}

        record Failed(String error, String cause) implements Outcome {}

        /** The task waits for SendTaskSuccess/SendTaskFailure with its token (callback pattern). */
        record Pending() implements Outcome {}
    }

    static Outcome succeeded(JsonNode output) {
        return new Outcome.Succeeded(output);
    }

    static Outcome failed(String error, String cause) {
        return new Outcome.Failed(error, cause);
    }

    static Outcome pending() {
        return new Outcome.Pending();
    }
}
