package io.stepstream.asl.validate;

import io.stepstream.asl.jsonata.InvalidJsonataException;
import io.stepstream.asl.jsonata.JsonataExpression;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSONata strings in JSONata-mode fields: a string that starts exactly with {@code {%} and ends
 * exactly with {@code %}} is an expression, handed to {@link #checkExpression} where the JSONata
 * parser plugs in. Any other string is a literal, even one with blanks around the delimiters:
 * AWS ran {@code " {% states.input %} "} as a literal string (conformance case
 * outputdecl.test_output BASE_LITERALS), as the ASL spec says.
 */
final class Jsonata {

    static final String OPEN = "{%";
    static final String CLOSE = "%}";

    /** Whether {@code text} is a {@code {% ... %}} expression. */
    static boolean isExpression(String text) {
        return text.length() >= OPEN.length() + CLOSE.length()
                && text.startsWith(OPEN) && text.endsWith(CLOSE);
    }

    /** Whether {@code value} is a string holding a {@code {% ... %}} expression. */
    static boolean isExpression(JsonNode value) {
        return value.isTextual() && isExpression(value.asText());
    }

    /**
     * Walks a JSONata-accepting value (field value, object member values, array elements) and
     * checks every string in it. {@code location} names the value; members extend it.
     */
    static void check(JsonNode value, String location, Diagnostics out) {
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                check(field.getValue(), Loc.field(location, field.getKey()), out);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), Loc.index(location, i), out);
            }
        } else if (value.isTextual()) {
            checkString(value.asText(), location, out);
        }
    }

    /** One string of a JSONata-accepting value. */
    static void checkString(String text, String location, Diagnostics out) {
        if (isExpression(text)) {
            checkExpression(text.substring(OPEN.length(), text.length() - CLOSE.length()), location, out);
        }
    }

    /**
     * The create-time check of one JSONata expression (the text between the delimiters): AWS
     * reports INVALID_JSONATA_EXPRESSION for text that does not parse and
     * UNSUPPORTED_JSONATA_EXPRESSION for a top-level {@code $}, {@code $$} or bare field name.
     */
    static void checkExpression(String expression, String location, Diagnostics out) {
        try {
            JsonataExpression.compile(expression);
        } catch (InvalidJsonataException e) {
            out.add(e.code(), e.getMessage(), location);
        }
    }

    private Jsonata() {}
}
