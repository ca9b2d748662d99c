package io.stepstream.asl.intrinsics;

/** Entry point of the intrinsic-function interpreter: recognises and parses {@code States.*(...)} calls. */
public final class Intrinsics {
    private Intrinsics() {}

    /** True when {@code text} is meant as an intrinsic call rather than a path. */
    public static boolean isCall(String text) {
        return text != null && text.startsWith("States.");
    }

    /** Parses a call; throws {@link IntrinsicSyntaxException} when it is malformed or unknown. */
    public static IntrinsicCall parse(String text) {
        throw new UnsupportedOperationException("intrinsic functions land with the intrinsics package");
    }
}
