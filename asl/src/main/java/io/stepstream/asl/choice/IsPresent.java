package io.stepstream.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Bindings;

/** {@code IsPresent}: the one operator for which a Variable that selects nothing is no error. */
record IsPresent(boolean expected) implements Operator {

    /** @param value the selected value, or null when the Variable selected nothing */
    boolean test(JsonNode value) {
        return (value != null) == expected;
    }

    @Override
    public boolean test(JsonNode value, Bindings bindings) {
        return test(value);
    }
}
