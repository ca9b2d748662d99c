package io.stepstream.asl.errors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;

/**
 * An error as ASL sees it: a name matched by Retry/Catch and a cause. Expected errors are values.
 *
 * @param error the error name; null only when a Fail state names none
 * @param cause the cause, may be null
 */
public record AslError(String error, String cause) {

    public static AslError of(String error, String cause) {
        return new AslError(error, cause);
    }

    /** The Error Output a Catcher passes on: {@code {"Error": ..., "Cause": ...}}. */
    public JsonNode toErrorOutput() {
        ObjectNode out = Json.NODES.objectNode();
        if (error != null) {
            out.put("Error", error);
        }
        if (cause != null) {
            out.put("Cause", cause);
        }
        return out;
    }

    /** States.Runtime is never retried nor caught. */
    public boolean isTerminal() {
        return ErrorNames.RUNTIME.equals(error);
    }
}
