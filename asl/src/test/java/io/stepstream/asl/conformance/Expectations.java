package io.stepstream.asl.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compares actual results with recorded ones as the conformance README says: JSON equality with
 * numbers by value and object keys as sets, and placeholder tokens as wildcards.
 */
public final class Expectations {
    private final List<String> tokens = new ArrayList<>();

    public Expectations(JsonNode placeholders) {
        if (placeholders != null) {
            placeholders.fieldNames().forEachRemaining(tokens::add);
        }
        tokens.add("generated-uuid");
    }

    /** Null when equal, else where and how they differ. */
    public String diff(JsonNode expected, JsonNode actual, String path) {
        if (expected == null || expected.isMissingNode()) {
            return actual == null ? null : path + ": expected nothing, got " + actual;
        }
        if (actual == null) {
            return path + ": expected " + expected + ", got nothing";
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0 ? null
                    : path + ": expected " + expected + ", got " + actual;
        }
        if (expected.isTextual() && actual.isTextual()) {
            return matches(expected.asText(), actual.asText()) ? null
                    : path + ": expected \"" + expected.asText() + "\", got \"" + actual.asText() + "\"";
        }
        if (expected.isObject() && actual.isObject()) {
            if (expected.size() != actual.size()) {
                return path + ": expected keys " + names(expected) + ", got " + names(actual);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String d = diff(e.getValue(), actual.get(e.getKey()), path + "." + e.getKey());
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return path + ": expected " + expected.size() + " elements, got " + actual.size() + " " + actual;
            }
            for (int i = 0; i < expected.size(); i++) {
                String d = diff(expected.get(i), actual.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return expected.equals(actual) ? null : path + ": expected " + expected + ", got " + actual;
    }

    /** String equality where each placeholder token stands for any non-empty text. */
    public boolean matches(String expected, String actual) {
        if (expected == null || actual == null) {
            return expected == null && actual == null;
        }
        if (expected.equals(actual)) {
            return true;
        }
        boolean hasToken = tokens.stream().anyMatch(expected::contains) || expected.contains("<uuid:");
        if (!hasToken) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        int i = 0;
        outer:
        while (i < expected.length()) {
            if (expected.startsWith("<uuid:", i) || expected.startsWith("<json-input:", i)) {
                int end = expected.indexOf('>', i);
                if (end > 0) {
                    regex.append("(.+)");
                    i = end + 1;
                    continue;
                }
            }
            for (String token : tokens) {
                if (expected.startsWith(token, i)) {
                    regex.append("(.+)");
                    i += token.length();
                    continue outer;
                }
            }
            regex.append(Pattern.quote(String.valueOf(expected.charAt(i))));
            i++;
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual).matches();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
