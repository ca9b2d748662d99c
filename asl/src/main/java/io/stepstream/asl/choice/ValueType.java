package io.stepstream.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;

/**
 * The type a family of comparison operators compares ({@code String...}, {@code Numeric...},
 * {@code Boolean...}, {@code Timestamp...}): how to read it from JSON and how to order it.
 *
 * @param family the start of the operator names
 * @param expectation what a literal operand must be, for compile errors
 * @param reader the value of that type in a node, or null when the node is of another type
 * @param order how two values compare
 */
record ValueType<T>(String family, String expectation, Function<JsonNode, T> reader,
                    Comparator<T> order) {

    /** UTF-16 code unit order (Java's {@code String.compareTo}), no case folding. */
    static final ValueType<String> STRING = new ValueType<>("String", "a string",
            node -> node.isTextual() ? node.textValue() : null, String::compareTo);

    /**
     * IEEE-754 doubles, compared with the primitive operators so that 0 equals -0.0; big integers
     * and decimals are rounded to the nearest double first, as a double-based engine does.
     */
    static final ValueType<Double> NUMERIC = new ValueType<>("Numeric", "a number",
            node -> node.isNumber() ? node.doubleValue() : null, ValueType::compareDoubles);

    static final ValueType<Boolean> BOOLEAN = new ValueType<>("Boolean", "a boolean",
            node -> node.isBoolean() ? node.booleanValue() : null, Boolean::compare);

    /** RFC3339 strings compared as instants; any other string is no timestamp. */
    static final ValueType<Instant> TIMESTAMP = new ValueType<>("Timestamp",
            "a string that matches the RFC3339 timestamp format",
            node -> node.isTextual() ? Rfc3339.parse(node.textValue()) : null, Instant::compareTo);

    /** The value of this type in {@code node}, or null when {@code node} is of another type. */
    T read(JsonNode node) {
        return reader.apply(node);
    }

    private static int compareDoubles(Double a, Double b) {
        double x = a;
        double y = b;
        return x < y ? -1 : x > y ? 1 : 0;
    }
}
