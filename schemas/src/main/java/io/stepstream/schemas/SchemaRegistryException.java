package io.stepstream.schemas;

import org.apache.kafka.common.KafkaException;

/**
 * A schema registry refused a request or could not be reached. {@link #status()} is the HTTP
 * status (0 when no response arrived) and {@link #errorCode()} the registry's {@code error_code}
 * (0 when absent).
 */
public final class SchemaRegistryException extends KafkaException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final int errorCode;

    public SchemaRegistryException(String message, int status, int errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }

    /** True when the registry answered 404: no such subject, version or schema id. */
    public boolean isNotFound() {
        return status == 404;
    }
}
