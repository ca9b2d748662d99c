package io.stepstream.asl.intrinsics;

/**
 * An intrinsic function call that does not parse; carries the position (0-based character offset)
 * in the expression. AWS reports these at create time as SCHEMA_VALIDATION_FAILED "The value for
 * the field 'x.$' must be a valid JSONPath or a valid intrinsic function call".
 */
public final class IntrinsicSyntaxException extends RuntimeException {
    private final String reason;
    private final int position;

    public IntrinsicSyntaxException(String reason, int position) {
        super(reason + " at position " + position);
        this.reason = reason;
        this.position = position;
    }

    /** What is wrong, without the position. Never null. */
    public String reason() {
        return reason;
    }

    public int position() {
        return position;
    }
}
