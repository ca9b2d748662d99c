package io.stepstream.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Bindings;
import java.util.Objects;

/**
 * {@code StringEquals}, {@code NumericLessThanPath}, {@code TimestampGreaterThanEquals} and the
 * rest: the selected value and the operand must both be of the operator's type, otherwise the
 * comparison is false.
 */
record Comparison<T>(ValueType<T> type, Relation relation, Operand<T> operand) implements Operator {

    Comparison {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(operand, "operand");
    }

    @Override
    public boolean test(JsonNode value, Bindings bindings) {
        // The operand is resolved first so that a ...Path that selects nothing fails whatever the
        // type of the value.
        T right = operand.resolve(type, bindings);
        T left = type.read(value);
        if (left == null || right == null) {
            return false;
        }
        return relation.holds(type.order().compare(left, right));
    }
}
