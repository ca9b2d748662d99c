package io.stepstream.asl;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.StateMachine;
import io.stepstream.asl.parse.StateMachineParser;
import io.stepstream.asl.validate.DefinitionValidator;
import io.stepstream.asl.validate.Diagnostic;
import io.stepstream.asl.validate.InvalidDefinitionException;
import java.util.List;

/** The front door of the asl module: definitions in, compiled state machines out. */
public final class StateMachines {
    private StateMachines() {}

    /**
     * Validates and compiles a definition given as JSON text, as CreateStateMachine does.
     *
     * @throws InvalidDefinitionException with AWS's diagnostics when AWS would reject it
     */
    public static StateMachine load(String definitionText, MachineType type) {
        requireValid(DefinitionValidator.validate(definitionText, type));
        return StateMachineParser.parse(Json.parse(definitionText), type);
    }

    /**
     * Validates and compiles a definition.
     *
     * @throws InvalidDefinitionException with AWS's diagnostics when AWS would reject it
     */
    public static StateMachine load(JsonNode definition, MachineType type) {
        requireValid(DefinitionValidator.validate(definition, type));
        return StateMachineParser.parse(definition, type);
    }

    private static void requireValid(List<Diagnostic> diagnostics) {
        if (diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) {
            throw new InvalidDefinitionException(diagnostics);
        }
    }
}
