package io.stepstream.asl.jsonata;

/**
 * A JSONata expression AWS refuses when the state machine is created. The message is AWS's text
 * (for a parse error, the parser's message without its JSONata code); {@link #code()} is AWS's
 * diagnostic code and {@link #location()} where the expression sits, relative to the field.
 */
public final class InvalidJsonataException extends RuntimeException {

    /** The expression does not parse. */
    public static final String INVALID_JSONATA_EXPRESSION = "INVALID_JSONATA_EXPRESSION";
    /** The expression parses but uses what Step Functions forbids ({@code $$}, top-level names). */
    public static final String UNSUPPORTED_JSONATA_EXPRESSION = "UNSUPPORTED_JSONATA_EXPRESSION";

    private final String code;
    private final String location;

    InvalidJsonataException(String code, String message) {
        this(code, message, "");
    }

    private InvalidJsonataException(String code, String message, String location) {
        super(message, null, false, false);
        this.code = code;
        this.location = location;
    }

    /** {@link #INVALID_JSONATA_EXPRESSION} or {@link #UNSUPPORTED_JSONATA_EXPRESSION}. Never null. */
    public String code() {
        return code;
    }

    /**
     * Where the expression sits inside a template as JSON Pointer segments below the template's
     * field, e.g. {@code Output/v} or {@code Items/1}. Empty for a bare expression. Never null.
     */
    public String location() {
        return location;
    }

    /** AWS's diagnostic text without the location: {@code CODE: message}. */
    public String diagnostic() {
        return code + ": " + getMessage();
    }

    InvalidJsonataException at(String newLocation) {
        return new InvalidJsonataException(code, getMessage(), newLocation);
    }
}
