package io.stepstream.asl.validate;

import java.util.Objects;

/**
 * One problem found in a state machine definition, in the shape of AWS's
 * ValidateStateMachineDefinition diagnostic. {@code code} is AWS's (SCHEMA_VALIDATION_FAILED,
 * MISSING_TRANSITION_TARGET, ...); {@code location} is a path such as {@code /States/X/Field},
 * or null where AWS gives none. Severity, code and message are never null.
 */
public record Diagnostic(Severity severity, String code, String message, String location) {

    /** ERROR blocks creating the state machine; WARNING does not. */
    public enum Severity { ERROR, WARNING }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** An ERROR diagnostic. */
    public static Diagnostic error(String code, String message, String location) {
        return new Diagnostic(Severity.ERROR, code, message, location);
    }

    /**
     * The diagnostic as CreateStateMachine prints it: {@code CODE: message at location}. AWS prints
     * the literal {@code null} when there is no location ("Workflow has no terminal state at null").
     * A parse error's message already ends with its location, so it is not repeated.
     */
    String render() {
        if (location != null && message.endsWith(location)) {
            return code + ": " + message;
        }
        return code + ": " + message + " at " + location;
    }
}
