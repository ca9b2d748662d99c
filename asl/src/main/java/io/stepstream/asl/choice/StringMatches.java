package io.stepstream.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Bindings;
import java.util.Objects;

/** {@code StringMatches}: the value is a string that matches a {@code *} wildcard pattern. */
record StringMatches(Wildcard pattern) implements Operator {

    StringMatches {
        Objects.requireNonNull(pattern, "pattern");
    }

    @Override
    public boolean test(JsonNode value, Bindings bindings) {
        pattern.requireValid();
        return value.isTextual() && pattern.matches(value.textValue());
    }
}
