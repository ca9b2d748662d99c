package io.stepstream.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Bindings;
import java.util.Objects;
import java.util.function.Predicate;

/** {@code IsNull}, {@code IsNumeric}, {@code IsString}, {@code IsBoolean}, {@code IsTimestamp}. */
record TypeTest(Kind kind, boolean expected) implements Operator {

    /** The JSON type an {@code Is...} operator asks about, named as the operator is. */
    enum Kind {
        IS_NULL("IsNull", JsonNode::isNull),
        IS_NUMERIC("IsNumeric", JsonNode::isNumber),
        IS_STRING("IsString", JsonNode::isTextual),
        IS_BOOLEAN("IsBoolean", JsonNode::isBoolean),
        IS_TIMESTAMP("IsTimestamp", node -> ValueType.TIMESTAMP.read(node) != null);

        private final String operatorName;
        private final Predicate<JsonNode> predicate;

        Kind(String operatorName, Predicate<JsonNode> predicate) {
            this.operatorName = operatorName;
            this.predicate = predicate;
        }

        String operatorName() {
            return operatorName;
        }
    }

    TypeTest {
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public boolean test(JsonNode value, Bindings bindings) {
        return kind.predicate.test(value) == expected;
    }
}
