package io.stepstream.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

/** The {@code --error} and {@code --cause} of SendTaskFailure and StopExecution. */
final class ErrorOptions {

    @Option(names = "--error", description = "The error name (Retry and Catch match it; ExecutionAborted records it).")
    String error;

    @Option(names = "--cause", description = "A description of the failure.")
    String cause;

    /** Adds {@code error} and {@code cause} to a request body, when given. */
    ObjectNode addTo(ObjectNode body) {
        if (error != null) {
            body.put("error", error);
        }
        if (cause != null) {
            body.put("cause", cause);
        }
        return body;
    }
}
