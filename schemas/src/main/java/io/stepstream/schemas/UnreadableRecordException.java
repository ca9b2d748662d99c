package io.stepstream.schemas;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that cannot be decoded into the expected record: wrong framing, an unknown schema, a
 * schema that cannot be resolved against the reader's, or a truncated or padded body. The record
 * itself is at fault, so the runtime routes it to the dead-letter topic rather than retrying.
 */
public final class UnreadableRecordException extends SerializationException {
    private static final long serialVersionUID = 1L;

    public UnreadableRecordException(String message) {
        super(message);
    }

    public UnreadableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
