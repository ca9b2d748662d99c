package io.stepstream.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** How a connector or worker handler finished with a task. */
public sealed interface TaskOutcome {

    /** The task's result (for a {@code .waitForTaskToken} Resource: the call went out; the callback answers). */
    record Succeeded(JsonNode output) implements TaskOutcome {
        public Succeeded {
            Objects.requireNonNull(output, "output");
        }
    }

    /** The task failed with an ASL error name and a cause (may be null). */
    record Failed(String error, String cause) implements TaskOutcome {}

    /** Nothing to send now: someone answers later with the task token (SendTaskSuccess/Failure). */
    record Pending() implements TaskOutcome {}

    static TaskOutcome succeeded(JsonNode output) {
        return new Succeeded(output);
    }

    static TaskOutcome failed(String error, String cause) {
        return new Failed(error, cause);
    }

    static TaskOutcome pending() {
        return new Pending();
    }

    /** This outcome as an already completed stage, for connectors that finish synchronously. */
    default CompletionStage<TaskOutcome> done() {
        return CompletableFuture.completedFuture(this);
    }
}
