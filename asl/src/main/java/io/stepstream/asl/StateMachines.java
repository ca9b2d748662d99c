package io.stepstream.asl;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.StateMachine;
import io.stepstream.asl.parse.StateMachineParser;

/** The front door of the asl module: definitions in, compiled state machines out. */
public final class StateMachines {
    private StateMachines() {}

    /** Validates and compiles a definition given as JSON text. */
    public static StateMachine load(String definitionText, MachineType type) {
        return load(Json.parse(definitionText), type);
    }

    /** Validates and compiles a definition. */
    public static StateMachine load(JsonNode definition, MachineType type) {
        return StateMachineParser.parse(definition, type);
    }
}
