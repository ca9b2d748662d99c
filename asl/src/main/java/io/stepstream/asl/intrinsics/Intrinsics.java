package io.stepstream.asl.intrinsics;

import java.util.Objects;

/** Entry point of the intrinsic-function interpreter: recognises and parses {@code States.*(...)} calls. */
public final class Intrinsics {
    private Intrinsics() {}

    /** True when {@code text} is meant as an intrinsic call rather than a path. */
    public static boolean isCall(String text) {
        return text != null && text.startsWith("States.");
    }

    /**
     * Parses a call once; the result is immutable and thread-safe. Throws
     * {@link IntrinsicSyntaxException} (with the offending position) when the text is malformed,
     * names an unknown function, passes the wrong number of arguments or nests calls more than 10
     * deep. Argument types are checked when the call runs, as AWS does.
     */
    public static IntrinsicCall parse(String text) {
        Objects.requireNonNull(text, "text");
        return new ParsedCall(text, new Parser(new Scanner(text).scanTokens()).expression());
    }
}
