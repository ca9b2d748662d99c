package io.stepstream.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A Reference Path: a JSONPath that names a single node with field names and indexes only
 * ({@code $.a.b}, {@code $['a b']}, {@code $.a[0]}). Written by hand rather than with Jayway
 * because ResultPath must create the intermediate objects that Jayway's {@code set} refuses to,
 * and because these paths are on every hot path of the interpreter.
 */
public final class ReferencePath {

    private sealed interface Segment permits Field, Index {}

    private record Field(String name) implements Segment {}

    private record Index(int index) implements Segment {}

    private final String text;
    private final List<Segment> segments;

    private ReferencePath(String text, List<Segment> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
    }

    /** Parses {@code text}, which must start with {@code $}; null when it is not a reference path. */
    public static ReferencePath tryParse(String text) {
        if (text == null || text.isEmpty() || text.charAt(0) != '$') {
            return null;
        }
        List<Segment> segments = new ArrayList<>();
        int i = 1;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    char d = text.charAt(i);
                    if (Character.isWhitespace(d) || d == '*' || d == '@' || d == ',' || d == ':'
                            || d == '?' || d == '(' || d == ')' || d == '\'' || d == '"' || d == ']') {
                        return null;
                    }
                    i++;
                }
                if (i == start) {
                    return null; // ".." or a trailing dot
                }
                segments.add(new Field(text.substring(start, i)));
            } else if (c == '[') {
                int close;
                if (i + 1 < n && (text.charAt(i + 1) == '\'' || text.charAt(i + 1) == '"')) {
                    char quote = text.charAt(i + 1);
                    StringBuilder name = new StringBuilder();
                    int j = i + 2;
                    while (j < n && text.charAt(j) != quote) {
                        // Only the quote and the backslash itself are escaped: AWS reads
                        // $['Test\""Name"'] as the key Test\""Name" (conformance case
                        // test_escape_sequence_parsing_ESCAPE_SEQUENCES_JSONPATH).
                        if (text.charAt(j) == '\\' && j + 1 < n
                                && (text.charAt(j + 1) == quote || text.charAt(j + 1) == '\\')) {
                            j++;
                        }
                        name.append(text.charAt(j++));
                    }
                    if (j + 1 >= n || text.charAt(j + 1) != ']') {
                        return null;
                    }
                    segments.add(new Field(name.toString()));
                    close = j + 1;
                } else {
                    close = text.indexOf(']', i);
                    if (close < 0) {
                        return null;
                    }
                    String digits = text.substring(i + 1, close).trim();
                    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 9) {
                        return null;
                    }
                    segments.add(new Index(Integer.parseInt(digits)));
                }
                i = close + 1;
            } else {
                return null;
            }
        }
        return new ReferencePath(text, segments);
    }

    /** Parses {@code text} or throws {@link InvalidPathException}. */
    public static ReferencePath parse(String text) {
        ReferencePath path = tryParse(text);
        if (path == null) {
            throw new InvalidPathException("Value is not a Reference Path: " + text);
        }
        return path;
    }

    public String text() {
        return text;
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** The node this path names in {@code root}, or null when there is none. */
    public JsonNode read(JsonNode root) {
        JsonNode node = root;
        for (Segment segment : segments) {
            if (node == null) {
                return null;
            }
            if (segment instanceof Field f) {
                node = node.isObject() ? node.get(f.name()) : null;
            } else {
                int index = ((Index) segment).index();
                node = node.isArray() ? node.get(index) : null;
            }
        }
        return node;
    }

    /**
     * A copy of {@code root} with {@code value} placed at this path, creating the missing
     * intermediate objects (the ResultPath rule). Null when the path runs through a value that is
     * neither an object nor an array that has the index (AWS's ResultPathMatchFailure).
     */
    public JsonNode write(JsonNode root, JsonNode value) {
        if (segments.isEmpty()) {
            return value;
        }
        return writeAt(root, 0, value);
    }

    /** Copies only the containers on the path; the rest is shared, since nodes are never mutated. */
    private JsonNode writeAt(JsonNode node, int k, JsonNode value) {
        Segment segment = segments.get(k);
        boolean last = k == segments.size() - 1;
        if (segment instanceof Field f) {
            if (!node.isObject()) {
                return null;
            }
            ObjectNode copy = Json.NODES.objectNode();
            copy.setAll((ObjectNode) node);
            if (last) {
                copy.set(f.name(), value);
            } else {
                JsonNode next = copy.get(f.name());
                if (next == null || next.isNull()) {
                    next = Json.NODES.objectNode();
                }
                JsonNode written = writeAt(next, k + 1, value);
                if (written == null) {
                    return null;
                }
                copy.set(f.name(), written);
            }
            return copy;
        }
        int index = ((Index) segment).index();
        if (!node.isArray() || index >= node.size()) {
            return null;
        }
        ArrayNode copy = Json.NODES.arrayNode(node.size());
        copy.addAll((ArrayNode) node);
        JsonNode written = last ? value : writeAt(copy.get(index), k + 1, value);
        if (written == null) {
            return null;
        }
        copy.set(index, written);
        return copy;
    }

    @Override
    public String toString() {
        return text;
    }
}
