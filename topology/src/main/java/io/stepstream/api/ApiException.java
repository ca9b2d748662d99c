package io.stepstream.api;

/**
 * An error in AWS's shape: the error code the SDK maps to an exception class (e.g.
 * {@code ExecutionDoesNotExist}), a message and the HTTP status. Service errors are written with
 * Step Functions' namespace, authentication errors with the front end's ({@code com.amazon.coral.service}).
 */
public final class ApiException extends RuntimeException {
    static final String SERVICE = "com.amazonaws.swf.service.v2.model#";
    static final String CORAL = "com.amazon.coral.service#";

    private final String code;
    private final String namespace;
    private final int status;

    private ApiException(String namespace, String code, String message, int status) {
        super(message, null, false, false);
        this.namespace = namespace;
        this.code = code;
        this.status = status;
    }

    /** A Step Functions error (HTTP 400). */
    public static ApiException of(String code, String message) {
        return new ApiException(SERVICE, code, message, 400);
    }

    /** An error of AWS's request front end (authentication, unknown operation, unreadable body). */
    static ApiException frontEnd(String code, String message, int status) {
        return new ApiException(CORAL, code, message, status);
    }

    /** AWS's answer to a missing or malformed parameter. */
    static ApiException validation(String message) {
        return of("ValidationException", message);
    }

    static ApiException missing(String field) {
        return validation("1 validation error detected: Value null at '" + field
                + "' failed to satisfy constraint: Member must not be null");
    }

    /** The code the SDK maps to an exception, e.g. {@code InvalidArn}. */
    public String code() {
        return code;
    }

    /** The body's {@code __type}: namespace, '#', code. */
    public String type() {
        return namespace + code;
    }

    public int status() {
        return status;
    }
}
