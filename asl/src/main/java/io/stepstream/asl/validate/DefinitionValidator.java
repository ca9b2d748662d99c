package io.stepstream.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.model.MachineType;
import java.util.List;

/**
 * Create-time validation of a state machine definition, as AWS's CreateStateMachine,
 * UpdateStateMachine and ValidateStateMachineDefinition perform it: the same rules, AWS's
 * diagnostic codes, messages and locations. An empty list means the definition is accepted.
 */
public final class DefinitionValidator {

    private DefinitionValidator() {}

    /**
     * Validates definition text as submitted to AWS. Text that is not JSON yields one
     * INVALID_JSON_DESCRIPTION diagnostic with Jackson's message. Never returns null.
     */
    public static List<Diagnostic> validate(String definitionText, MachineType type) {
        Diagnostics parseErrors = new Diagnostics();
        JsonNode definition = DefinitionText.parse(definitionText, parseErrors);
        if (definition == null) {
            return parseErrors.all();
        }
        return validate(definition, type);
    }

    /** Validates a parsed definition; {@code definition} may be null or any JSON value. */
    public static List<Diagnostic> validate(JsonNode definition, MachineType type) {
        return MachineValidator.run(definition, type);
    }

    /** Throws {@link InvalidDefinitionException} with every diagnostic when AWS would reject the definition. */
    public static void requireValid(JsonNode definition, MachineType type) {
        List<Diagnostic> diagnostics = validate(definition, type);
        if (diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) {
            throw new InvalidDefinitionException(diagnostics);
        }
    }
}
