package io.stepstream.asl.validate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a definition is rejected, carrying every diagnostic. {@link #getMessage()} is AWS's
 * CreateStateMachine InvalidDefinition message; {@link #validationMessage()} joins the messages
 * the way a ValidateStateMachineDefinition caller reads them. The diagnostics are never empty.
 */
public final class InvalidDefinitionException extends RuntimeException {

    private final List<Diagnostic> diagnostics;

    public InvalidDefinitionException(List<Diagnostic> diagnostics) {
        super(createStateMachineMessage(diagnostics));
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("an invalid definition has at least one diagnostic");
        }
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** The diagnostics, in the order AWS lists them. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** The diagnostic messages joined with "; ", without codes or locations. */
    public String validationMessage() {
        return diagnostics.stream().map(Diagnostic::message).collect(Collectors.joining("; "));
    }

    /**
     * {@code Invalid State Machine Definition: 'CODE: message at location, CODE: ...'}: every
     * diagnostic with its own code, comma-joined inside one pair of quotes, as AWS reports
     * several problems at once.
     */
    static String createStateMachineMessage(List<Diagnostic> diagnostics) {
        return "Invalid State Machine Definition: '"
                + diagnostics.stream().map(Diagnostic::render).collect(Collectors.joining(", "))
                + "'";
    }
}
