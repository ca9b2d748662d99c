package io.stepstream.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** Numeric field checks with AWS's range wording ("Minimum value is 0", "Maximum value is 100.0"). */
final class Numbers {

    /** A whole number, written as an integer or as a decimal with no fraction. */
    static boolean isInteger(JsonNode node) {
        if (node.isIntegralNumber()) {
            return true;
        }
        if (!node.isNumber()) {
            return false;
        }
        BigDecimal value = node.decimalValue();
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    /** Checks an integer field; {@code max} may be null for no upper bound. */
    static void integer(JsonNode node, String location, long min, Long max, Diagnostics out) {
        if (!isInteger(node)) {
            out.expectedType("INTEGER", location);
            return;
        }
        BigDecimal value = node.decimalValue();
        if (value.compareTo(BigDecimal.valueOf(min)) < 0) {
            out.schema("Minimum value is " + min, location);
        } else if (max != null && value.compareTo(BigDecimal.valueOf(max)) > 0) {
            out.schema("Maximum value is " + max, location);
        }
    }

    /** Checks a decimal field; bounds are printed as decimals ("Minimum value is 1.0"). */
    static void decimal(JsonNode node, String location, double min, Double max, Diagnostics out) {
        if (!node.isNumber()) {
            out.expectedType("NUMBER", location);
            return;
        }
        double value = node.doubleValue();
        if (value < min) {
            out.schema("Minimum value is " + min, location);
        } else if (max != null && value > max) {
            out.schema("Maximum value is " + max, location);
        }
    }

    private Numbers() {}
}
