package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The evaluated arguments of one call, checked against the function's signature, with typed
 * accessors. Values are shared with the input and must not be modified.
 */
final class Arguments {

    private final IntrinsicFunction function;
    private final List<JsonNode> values;
    private final List<String> rawLiterals;

    private Arguments(IntrinsicFunction function, List<JsonNode> values, List<String> rawLiterals) {
        this.function = function;
        this.values = values;
        this.rawLiterals = rawLiterals;
    }

    /**
     * @param rawLiterals for each argument written as a string literal, its text as written
     *     (escapes kept); null for the others
     */
    static Arguments checked(IntrinsicFunction function, List<JsonNode> values, List<String> rawLiterals) {
        for (int i = 0; i < values.size(); i++) {
            if (!function.signature().typeAt(i).accepts(values.get(i))) {
                throw function.invalidArguments();
            }
        }
        return new Arguments(function, values, rawLiterals);
    }

    int size() {
        return values.size();
    }

    JsonNode get(int index) {
        return values.get(index);
    }

    String text(int index) {
        return values.get(index).textValue();
    }

    /** The text as written when the argument is a string literal, else the string's value. */
    String template(int index) {
        String raw = rawLiterals.get(index);
        return raw != null ? raw : text(index);
    }

    ArrayNode array(int index) {
        return (ArrayNode) values.get(index);
    }

    ObjectNode object(int index) {
        return (ObjectNode) values.get(index);
    }

    boolean bool(int index) {
        return values.get(index).booleanValue();
    }

    /** The number rounded as AWS does (Math.round: half up, so -1.5 -> -1); must fit in an int. */
    int integer(int index) {
        long rounded = longValue(index);
        if (rounded < Integer.MIN_VALUE || rounded > Integer.MAX_VALUE) {
            throw function.invalidArguments();
        }
        return (int) rounded;
    }

    long longValue(int index) {
        return Math.round(values.get(index).doubleValue());
    }
}
