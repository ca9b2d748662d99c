package io.stepstream.asl.conformance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an implementation did with a case.
 *
 * @param status SUCCEEDED, FAILED, TIMED_OUT, ABORTED, INVALID_DEFINITION, or RUNNING when it did
 *     not end
 * @param message for INVALID_DEFINITION, the rejection message
 */
public record CaseResult(String status, JsonNode output, String error, String cause, String message) {

    public static CaseResult rejected(String message) {
        return new CaseResult("INVALID_DEFINITION", null, null, null, message);
    }
}
