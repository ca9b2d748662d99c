package io.stepstream.connectors;

/** Thrown by a connector to fail its task with an ASL error name and cause. */
public final class ConnectorException extends Exception {
    private final String error;
    private final String cause;

    public ConnectorException(String error, String cause) {
        super(error + ": " + cause);
        this.error = error;
        this.cause = cause;
    }

    public TaskOutcome.Failed outcome() {
        return new TaskOutcome.Failed(error, cause);
    }
}
