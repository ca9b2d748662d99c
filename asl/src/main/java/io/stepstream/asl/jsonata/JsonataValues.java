package io.stepstream.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between Jackson trees and the {@code java.util} values the JSONata library works on.
 * Both directions keep key order and integer-ness: JSONata numbers are doubles, so a whole double
 * goes back to JSON as an integer (3.0 becomes 3, as JavaScript prints it).
 */
final class JsonataValues {

    /** Largest magnitude below which JavaScript prints a whole number in full rather than as 1e+21. */
    private static final double FULL_DIGITS_LIMIT = 1e21;
    private static final double LONG_LIMIT = 0x1p63;

    private JsonataValues() {}

    /**
     * The library's view of {@code node}: unmodifiable maps and lists, so no function can change
     * a value other expressions of the same state still read. JSON null becomes the library's
     * {@link Jsonata#NULL_VALUE}; a null or missing node becomes undefined (Java null).
     */
    static Object toJava(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        switch (node.getNodeType()) {
            case NULL:
                return Jsonata.NULL_VALUE;
            case BOOLEAN:
                return node.booleanValue();
            case STRING:
                return node.textValue();
            case NUMBER:
                return toJavaNumber(node);
            case ARRAY:
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(toJava(element));
                }
                return Collections.unmodifiableList(list);
            case OBJECT:
                Map<String, Object> map = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    map.put(field.getKey(), toJava(field.getValue()));
                }
                return Collections.unmodifiableMap(map);
            default:
                return node.asText();
        }
    }

    private static Number toJavaNumber(JsonNode node) {
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isLong()) {
            return node.longValue();
        }
        if (node.isBigInteger() && node.canConvertToLong()) {
            return node.longValue();
        }
        return node.doubleValue();
    }

    /**
     * The JSON form of a library value, or null when the value is undefined (Java null, a
     * function or a regex, which JSON.stringify drops). {@code budget} bounds the size of what is
     * built, since lazy ranges can describe far more than fits in memory.
     */
    static JsonNode toJson(Object value, SizeBudget budget) {
        if (value == null || isFunctionLike(value)) {
            return null;
        }
        return toJsonValue(value, budget);
    }

    private static JsonNode toJsonValue(Object value, SizeBudget budget) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            budget.charge(8);
            return Json.NODES.nullNode();
        }
        if (value instanceof String s) {
            budget.charge(s.length());
            return Json.NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            budget.charge(8);
            return Json.NODES.booleanNode(b);
        }
        if (value instanceof Number n) {
            budget.charge(8);
            return number(n);
        }
        if (value instanceof Map<?, ?> map) {
            return object(map, budget);
        }
        if (value instanceof List<?> list) {
            return array(list, budget);
        }
        if (isFunctionLike(value)) {
            budget.charge(8);
            return Json.NODES.nullNode();
        }
        budget.charge(value.toString().length());
        return Json.NODES.textNode(value.toString());
    }

    private static ObjectNode object(Map<?, ?> map, SizeBudget budget) {
        ObjectNode object = Json.NODES.objectNode();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object member = entry.getValue();
            // JSON.stringify leaves out members whose value is undefined or a function.
            if (member == null || isFunctionLike(member)) {
                continue;
            }
            String key = String.valueOf(entry.getKey());
            budget.charge(key.length());
            object.set(key, toJsonValue(member, budget));
        }
        return object;
    }

    private static ArrayNode array(List<?> list, SizeBudget budget) {
        ArrayNode array = Json.NODES.arrayNode(list.size());
        for (Object element : list) {
            array.add(toJsonValue(element, budget));
        }
        return array;
    }

    /** A JSON number as JavaScript would print the double: whole numbers without a fraction. */
    static JsonNode number(Number n) {
        if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return Json.NODES.numberNode(n.intValue());
        }
        if (n instanceof Long l) {
            return integer(l);
        }
        if (n instanceof BigInteger big) {
            return Json.NODES.numberNode(big);
        }
        if (n instanceof BigDecimal dec) {
            return number(dec.doubleValue());
        }
        double d = n.doubleValue();
        if (Double.isNaN(d)) {
            return Json.NODES.textNode("NaN");
        }
        if (Double.isInfinite(d)) {
            // JSON has no literal for these; AWS writes the JavaScript name as a string.
            return Json.NODES.textNode(d > 0 ? "Infinity" : "-Infinity");
        }
        if (d == Math.rint(d)) {
            if (Math.abs(d) < LONG_LIMIT) {
                return integer((long) d);
            }
            if (Math.abs(d) < FULL_DIGITS_LIMIT) {
                return Json.NODES.numberNode(new BigDecimal(d).toBigInteger());
            }
        }
        return Json.NODES.numberNode(d);
    }

    private static JsonNode integer(long l) {
        if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return Json.NODES.numberNode((int) l);
        }
        return Json.NODES.numberNode(l);
    }

    static boolean isFunctionLike(Object value) {
        return value instanceof Jsonata.JFunction
                || value instanceof Jsonata.JLambda
                || value instanceof java.util.regex.Pattern
                || value instanceof com.dashjoin.jsonata.Parser.Symbol;
    }

    /** Strings, arrays and objects: the values whose size an expression can grow. */
    static boolean isAggregate(Object value) {
        return value instanceof CharSequence || value instanceof List<?> || value instanceof Map<?, ?>;
    }

    /** Shallow size estimate of one value, in the units of {@link EvaluationBudget#maxValueBytes}. */
    static long shallowSize(Object value) {
        if (value instanceof CharSequence s) {
            return s.length();
        }
        if (value instanceof List<?> list) {
            return 8L * list.size();
        }
        if (value instanceof Map<?, ?> map) {
            return 8L * map.size();
        }
        return 8;
    }

    /** Running total of the bytes a conversion has built, failing past the limit. */
    static final class SizeBudget {
        private final long limit;
        private long used;

        SizeBudget(long limit) {
            this.limit = limit;
        }

        void charge(long bytes) {
            used += bytes;
            if (used > limit) {
                throw EvaluationFailure.memoryLimit();
            }
        }
    }
}
