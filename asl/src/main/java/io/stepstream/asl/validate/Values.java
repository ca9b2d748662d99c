package io.stepstream.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Literal fields that JSONata states may also fill with a {@code {% %}} expression
 * (TimeoutSeconds, Seconds, Timestamp, MaxConcurrency, Error, ...).
 */
final class Values {

    /** An integer in range, or in JSONata mode an expression. */
    static void integer(JsonNode value, String location, boolean jsonata, long min, Long max, Diagnostics out) {
        if (expression(value, location, jsonata, out)) {
            return;
        }
        Numbers.integer(value, location, min, max, out);
    }

    /** A number in range, or in JSONata mode an expression. */
    static void decimal(JsonNode value, String location, boolean jsonata, double min, Double max, Diagnostics out) {
        if (expression(value, location, jsonata, out)) {
            return;
        }
        Numbers.decimal(value, location, min, max, out);
    }

    /** A string; in JSONata mode possibly an expression. */
    static void string(JsonNode value, String location, boolean jsonata, Diagnostics out) {
        if (!value.isTextual()) {
            out.expectedType("STRING", location);
        } else if (jsonata) {
            Jsonata.checkString(value.asText(), location, out);
        }
    }

    /**
     * An RFC 3339 timestamp string. In JSONPath mode a {@code {% %}} string is a literal too, and
     * fails the timestamp check like any other non-timestamp (AWS-recorded).
     */
    static void timestamp(JsonNode value, String location, boolean jsonata, Diagnostics out) {
        if (expression(value, location, jsonata, out)) {
            return;
        }
        if (!value.isTextual()) {
            out.expectedType("STRING", location);
        } else if (!Timestamps.isRfc3339(value.asText())) {
            out.schema(Timestamps.MISMATCH, location);
        }
    }

    /** Whether the value is a JSONata expression of a JSONata state (and checks it). */
    private static boolean expression(JsonNode value, String location, boolean jsonata, Diagnostics out) {
        if (jsonata && Jsonata.isExpression(value)) {
            Jsonata.checkString(value.asText(), location, out);
            return true;
        }
        return false;
    }

    private Values() {}
}
