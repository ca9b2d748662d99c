package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;

/**
 * Deep equality of JSON values as ArrayContains and ArrayUnique need it: objects compared as key
 * sets, arrays in order, numbers by value (so {@code 1} equals {@code 1.0}).
 */
final class JsonEquality {

    private static final Comparator<JsonNode> LEAVES = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonEquality() {}

    static boolean equal(JsonNode a, JsonNode b) {
        return a.equals(LEAVES, b);
    }

    /** A hash consistent with {@link #equal}. */
    static int hash(JsonNode node) {
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
        }
        if (node.isArray()) {
            int h = 1;
            for (JsonNode element : node) {
                h = 31 * h + hash(element);
            }
            return h;
        }
        if (node.isObject()) {
            int h = 0;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                h += field.getKey().hashCode() ^ hash(field.getValue());
            }
            return h;
        }
        return node.hashCode();
    }

    /** A JSON value as a hash key under {@link #equal}. */
    record Key(JsonNode node) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && equal(node, key.node);
        }

        @Override
        public int hashCode() {
            return hash(node);
        }
    }
}
