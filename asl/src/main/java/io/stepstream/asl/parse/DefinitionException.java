package io.stepstream.asl.parse;

/** A definition the parser cannot compile; the message names the state and field. */
public final class DefinitionException extends RuntimeException {
    public DefinitionException(String message) {
        super(message);
    }

    public DefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
