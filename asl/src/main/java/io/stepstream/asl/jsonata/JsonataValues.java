package io.stepstream.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

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
     * The library's view of {@code node}: read-only maps and lists, so no function can change a
     * value other expressions of the same state still read. Objects and arrays are converted one
     * level at a time, when the library first reads into them: most expressions read a few members
     * of a large input. JSON null becomes the library's {@link Jsonata#NULL_VALUE}; a null or
     * missing node becomes undefined (Java null).
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
                return new ArrayView(node);
            case OBJECT:
                return new ObjectView(node);
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
        if (value instanceof JsonView view) {
            // A value read from the trees and passed through unchanged goes back as its own node.
            long size = view.canonicalSize(budget.limit);
            if (size >= 0) {
                budget.charge(size);
                return view.node();
            }
        }
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

    /**
     * What {@link #toJson} would charge for {@code toJson(toJava(node))}, or -1 when that round
     * trip would not give back {@code node} itself (a number it rewrites, such as {@code 3.0} or
     * a long that fits an int) or when the size passes {@code limit}. Allocates nothing.
     */
    static long canonicalSize(JsonNode node, long limit) {
        long size = canonicalSize(node, limit, 0);
        return size > limit ? -1 : size;
    }

    /** Returns a value above {@code limit} to stop the walk. */
    private static long canonicalSize(JsonNode node, long limit, long used) {
        switch (node.getNodeType()) {
            case STRING:
                return used + node.textValue().length();
            case NULL:
            case BOOLEAN:
                return used + 8;
            case NUMBER:
                return isCanonicalNumber(node) ? used + 8 : Long.MAX_VALUE;
            case ARRAY:
                for (int i = 0, n = node.size(); i < n && used <= limit; i++) {
                    used = canonicalSize(node.get(i), limit, used);
                }
                return used;
            case OBJECT:
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext() && used <= limit) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    used = canonicalSize(field.getValue(), limit, used + field.getKey().length());
                }
                return used;
            default:
                return Long.MAX_VALUE;
        }
    }

    /** True when {@link #number} of {@link #toJavaNumber} gives back a node equal to {@code node}. */
    private static boolean isCanonicalNumber(JsonNode node) {
        if (node.isInt()) {
            return true;
        }
        if (node.isLong()) {
            long l = node.longValue();
            return l < Integer.MIN_VALUE || l > Integer.MAX_VALUE;
        }
        if (node.isDouble()) {
            double d = node.doubleValue();
            return Double.isFinite(d) && (d != Math.rint(d) || Math.abs(d) >= FULL_DIGITS_LIMIT);
        }
        return false;
    }

    static boolean isFunctionLike(Object value) {
        return value instanceof Jsonata.JFunction
                || value instanceof Jsonata.JLambda
                || value instanceof java.util.regex.Pattern
                || value instanceof com.dashjoin.jsonata.Parser.Symbol;
    }

    /**
     * Shallow size estimate of a string, array or object (the values whose size an expression can
     * grow), in the units of {@link EvaluationBudget#maxValueBytes}; -1 for any other value.
     * Called for every value the library computes, so the common final classes are tested first:
     * a failed test against an interface is a slow scan.
     */
    static long aggregateSize(Object value) {
        if (value instanceof String s) {
            return s.length();
        }
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return -1;
        }
        if (value instanceof List<?> list) {
            return 8L * list.size();
        }
        if (value instanceof Map<?, ?> map) {
            return 8L * map.size();
        }
        if (value instanceof CharSequence s) {
            return s.length();
        }
        return -1;
    }

    /** Running total of the bytes a conversion has built, failing past the limit. */
    static final class SizeBudget {
        final long limit;
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

    /** A JSON container as the library sees it, keeping the node it came from. */
    private sealed interface JsonView permits ObjectView, ArrayView {
        JsonNode node();

        /** {@link #canonicalSize(JsonNode, long)} of the node, worked out once. */
        long canonicalSize(long limit);
    }

    /** Caches a view's canonical size; valid for the one limit it was computed with. */
    private static final class SizeMemo {
        private long limit = -1;
        private long size;

        long get(JsonNode node, long newLimit) {
            if (limit != newLimit) {
                size = JsonataValues.canonicalSize(node, newLimit);
                limit = newLimit;
            }
            return size;
        }
    }

    /** A JSON object as an unmodifiable map, its members converted on first read. */
    private static final class ObjectView extends AbstractMap<String, Object> implements JsonView {
        private final JsonNode node;
        private final SizeMemo size = new SizeMemo();
        private Map<String, Object> members;

        ObjectView(JsonNode node) {
            this.node = node;
        }

        private Map<String, Object> members() {
            if (members == null) {
                Map<String, Object> map = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    map.put(field.getKey(), toJava(field.getValue()));
                }
                members = Collections.unmodifiableMap(map);
            }
            return members;
        }

        @Override
        public JsonNode node() {
            return node;
        }

        @Override
        public long canonicalSize(long limit) {
            return size.get(node, limit);
        }

        @Override
        public int size() {
            return node.size();
        }

        @Override
        public boolean isEmpty() {
            return node.isEmpty();
        }

        @Override
        public Object get(Object key) {
            return members().get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return members().containsKey(key);
        }

        @Override
        public Set<String> keySet() {
            return members().keySet();
        }

        @Override
        public Collection<Object> values() {
            return members().values();
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            return members().entrySet();
        }
    }

    /** A JSON array as an unmodifiable list, its elements converted on first read. */
    private static final class ArrayView extends AbstractList<Object> implements JsonView, RandomAccess {
        private final JsonNode node;
        private final SizeMemo size = new SizeMemo();
        private Object[] elements;

        ArrayView(JsonNode node) {
            this.node = node;
        }

        @Override
        public JsonNode node() {
            return node;
        }

        @Override
        public long canonicalSize(long limit) {
            return size.get(node, limit);
        }

        @Override
        public Object get(int index) {
            if (elements == null) {
                Object[] converted = new Object[node.size()];
                for (int i = 0; i < converted.length; i++) {
                    converted[i] = toJava(node.get(i));
                }
                elements = converted;
            }
            return elements[index];
        }

        @Override
        public int size() {
            return node.size();
        }
    }
}
