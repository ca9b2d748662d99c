package io.stepstream.asl.errors;

/**
 * Carries an {@link AslError} out of deep evaluation code (paths, intrinsics, JSONata) to the
 * state handler, which turns it back into a value for Retry/Catch. Never escapes the interpreter.
 */
public final class AslException extends RuntimeException {
    private final AslError error;

    public AslException(AslError error) {
        super(error.error() + ": " + error.cause(), null, false, false);
        this.error = error;
    }

    public AslException(String error, String cause) {
        this(new AslError(error, cause));
    }

    public static AslException runtime(String cause) {
        return new AslException(ErrorNames.RUNTIME, cause);
    }

    public AslError error() {
        return error;
    }
}
