package io.stepstream.asl.intrinsics;

/** An intrinsic function call that does not parse; carries the position in the expression. */
public final class IntrinsicSyntaxException extends RuntimeException {
    private final int position;

    public IntrinsicSyntaxException(String message, int position) {
        super(message + " at position " + position);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
