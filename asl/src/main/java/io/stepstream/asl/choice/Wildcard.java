package io.stepstream.asl.choice;

import io.stepstream.asl.errors.AslException;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled {@code StringMatches} pattern: {@code *} matches zero or more characters, {@code \*}
 * a star and {@code \\} a backslash; nothing else is special. Matching is linear in practice
 * (greedy search for each literal segment), with no regular expression to backtrack.
 */
final class Wildcard {

    private final String text;
    /** The literal pieces between the stars; one piece when there is no star. */
    private final List<String> segments;
    /** Why the pattern cannot be used, or null when it can. */
    private final String openEscape;

    private Wildcard(String text, List<String> segments, String openEscape) {
        this.text = text;
        this.segments = List.copyOf(segments);
        this.openEscape = openEscape;
    }

    static Wildcard compile(String text) {
        List<String> segments = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*') {
                segments.add(segment.toString());
                segment.setLength(0);
            } else if (c == '\\') {
                char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                if (next != '*' && next != '\\') {
                    // The spec makes this a runtime error, so the rule compiles and fails when used.
                    return new Wildcard(text, List.of(), "The StringMatches pattern '" + text
                            + "' has an open escape '\\' at index " + i + ".");
                }
                segment.append(next);
                i++;
            } else {
                segment.append(c);
            }
        }
        segments.add(segment.toString());
        return new Wildcard(text, segments, null);
    }

    /** Throws States.Runtime when the pattern has an open escape. */
    void requireValid() {
        if (openEscape != null) {
            throw AslException.runtime(openEscape);
        }
    }

    boolean matches(String value) {
        requireValid();
        int last = segments.size() - 1;
        if (last == 0) {
            return value.equals(segments.get(0));
        }
        String head = segments.get(0);
        String tail = segments.get(last);
        if (value.length() < head.length() + tail.length()
                || !value.startsWith(head) || !value.endsWith(tail)) {
            return false;
        }
        int from = head.length();
        int end = value.length() - tail.length();
        for (int k = 1; k < last; k++) {
            String middle = segments.get(k);
            // The leftmost fit leaves the most room for the rest, so no other fit needs trying.
            int at = value.indexOf(middle, from);
            if (at < 0 || at + middle.length() > end) {
                return false;
            }
            from = at + middle.length();
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
