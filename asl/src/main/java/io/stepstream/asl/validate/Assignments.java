package io.stepstream.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code Assign} blocks (states, Choice rules, catchers): an object whose keys are variable names.
 * In JSONPath mode a key may end in {@code .$} and values are payload templates; in JSONata mode
 * every string value is a possible expression.
 */
final class Assignments {

    static final int MAX_NAME_LENGTH = 80;
    static final String RESERVED = "states";

    static void check(JsonNode assign, String location, boolean jsonata, Diagnostics out) {
        if (!assign.isObject()) {
            out.expectedType("OBJECT", location);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = assign.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            boolean dynamic = !jsonata && key.endsWith(PayloadTemplates.DYNAMIC);
            String name = dynamic ? key.substring(0, key.length() - PayloadTemplates.DYNAMIC.length()) : key;
            checkName(name, Loc.field(location, key), out);
            if (dynamic) {
                PayloadTemplates.dynamicField(assign, key, value, location, out);
            } else if (jsonata) {
                Jsonata.check(value, Loc.field(location, key), out);
            } else {
                PayloadTemplates.check(value, location, out);
            }
        }
    }

    /**
     * A variable name: not empty, at most 80 characters, not {@code states}, no sub-path
     * ({@code x.y}, {@code x[2]}) and not starting like a number. AWS documents UAX #31
     * identifiers; only the rules above are enforced, because definitions with names such as
     * {@code top-level} are reported to deploy and rejecting what AWS accepts is the worse error.
     */
    static void checkName(String name, String location, Diagnostics out) {
        int length = name.codePointCount(0, name.length());
        if (length == 0 || length > MAX_NAME_LENGTH) {
            out.schema("The variable name '" + name + "' must be between 1 and " + MAX_NAME_LENGTH
                    + " characters long", location);
        } else if (RESERVED.equals(name)) {
            out.schema("The variable name '" + RESERVED + "' is reserved", location);
        } else if (name.indexOf('.') >= 0 || name.indexOf('[') >= 0 || name.indexOf(']') >= 0) {
            out.schema("Cannot assign to a sub-path of a variable: '" + name + "'", location);
        } else if (!isNameStart(name.codePointAt(0)) || name.codePoints().anyMatch(Character::isWhitespace)) {
            out.schema("The variable name '" + name + "' is not a valid identifier", location);
        }
    }

    private static boolean isNameStart(int codePoint) {
        return Character.isUnicodeIdentifierStart(codePoint) || codePoint == '_';
    }

    private Assignments() {}
}
