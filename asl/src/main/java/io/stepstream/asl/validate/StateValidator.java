package io.stepstream.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * Checks one state: its Type, the fields its type and query language accept, its transition,
 * its data-flow fields, then the rules of its type. Fields already reported as unsupported or
 * as belonging to the other query language are not checked again.
 */
final class StateValidator {

    final MachineValidator machine;
    final Diagnostics out;
    final String name;
    final String location;
    final JsonNode state;
    final boolean express;
    /** The variable names assigned in this state's scope and the scopes around it. */
    final Set<String> variables;
    private String type;
    private boolean jsonata;
    private boolean downgraded;

    StateValidator(MachineValidator machine, String name, String location, JsonNode state, boolean express,
                   Set<String> variables) {
        this.machine = machine;
        this.out = machine.out();
        this.name = name;
        this.location = location;
        this.state = state;
        this.express = express;
        this.variables = variables;
    }

    void validate() {
        if (!state.isObject()) {
            out.expectedType("OBJECT", location);
            return;
        }
        if (!typeIsKnown()) {
            return;
        }
        language();
        fields();
        transition();
        dataFlow();
        switch (type) {
            case "Task" -> TaskRules.check(this);
            case "Wait" -> waitDuration();
            case "Choice" -> ChoiceRules.check(this);
            case "Fail" -> failFields();
            case "Parallel" -> branches();
            case "Map" -> MapRules.check(this);
            default -> { }
        }
        ErrorHandlers.check(this);
    }

    boolean jsonata() {
        return jsonata;
    }

    String at(String field) {
        return Loc.field(location, field);
    }

    /** The field's value when present and acceptable to this state, else null. */
    JsonNode field(String field) {
        JsonNode value = state.get(field);
        if (value == null || !FieldRules.allows(type, field)
                || (!downgraded && FieldRules.belongsToOtherLanguage(field, jsonata))) {
            return null;
        }
        return value;
    }

    /** Reports both fields of a mutually exclusive pair; true when at most one is present. */
    boolean exclusive(String first, String second) {
        if (state.has(first) && state.has(second)) {
            out.onlyOne(location, first, second);
            return false;
        }
        return true;
    }

    private boolean typeIsKnown() {
        JsonNode typeNode = state.get("Type");
        if (typeNode == null) {
            out.required(location, "Type");
            return false;
        }
        if (!typeNode.isTextual() || !FieldRules.isType(typeNode.asText())) {
            out.oneOfValues("Type", at("Type"), FieldRules.TYPES.toArray(String[]::new));
            return false;
        }
        type = typeNode.asText();
        return true;
    }

    /** A JSONata machine may not turn a state back to JSONPath (reported at the state). */
    private void language() {
        jsonata = QueryLanguages.declared(state, location, machine.machineJsonata(), out);
        downgraded = machine.machineJsonata() && QueryLanguages.isJsonPath(state);
        if (downgraded) {
            out.schema("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", location);
        }
    }

    private void fields() {
        for (Iterator<String> fields = state.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!FieldRules.allows(type, field)) {
                out.notSupported(field, location);
            } else if (!downgraded && FieldRules.belongsToOtherLanguage(field, jsonata)) {
                // AWS reports the whole family at the state, not at the field.
                out.schema(FieldRules.otherLanguage(field, jsonata), location);
            }
        }
    }

    /** Non-terminal, non-Choice states have exactly one of Next and End:true. */
    private void transition() {
        if (!FieldRules.allows(type, "Next")) {
            return;
        }
        JsonNode next = state.get("Next");
        JsonNode end = state.get("End");
        if (next != null && !next.isTextual()) {
            out.expectedType("STRING", at("Next"));
        }
        if (end != null && !end.isBoolean()) {
            out.expectedType("BOOLEAN", at("End"));
        }
        boolean ends = end != null && end.asBoolean(false);
        if (next != null && ends) {
            out.onlyOne(location, "Next", "End");
        } else if (next == null && !ends) {
            out.schema("There should be exactly one of the following fields: [Next, End]", location);
        }
    }

    private void dataFlow() {
        for (String pathField : new String[] {"InputPath", "OutputPath"}) {
            JsonNode value = field(pathField);
            if (value != null) {
                PathRules.nullablePath(value, pathField, at(pathField), out);
            }
        }
        JsonNode resultPath = field("ResultPath");
        if (resultPath != null && !resultPath.isNull()) {
            PathRules.referencePath(resultPath, at("ResultPath"), false, false, out);
        }
        for (String template : new String[] {"Parameters", "ResultSelector"}) {
            JsonNode value = field(template);
            if (value != null && !(type.equals("Map") && template.equals("Parameters"))) {
                PayloadTemplates.check(value, at(template), out);
            }
        }
        JsonNode assign = field("Assign");
        if (assign != null) {
            Assignments.check(assign, at("Assign"), jsonata, out);
        }
        for (String jsonataField : new String[] {"Output", "Arguments"}) {
            JsonNode value = field(jsonataField);
            if (value != null) {
                Jsonata.check(value, at(jsonataField), out);
            }
        }
    }

    /** Wait: exactly one of Seconds, SecondsPath, Timestamp, TimestampPath. */
    private void waitDuration() {
        String[] durations = {"Seconds", "SecondsPath", "Timestamp", "TimestampPath"};
        long present = java.util.Arrays.stream(durations).filter(state::has).count();
        if (present > 1) {
            out.onlyOne(location, durations);
        } else if (present == 0) {
            out.schema("There should be exactly one of the following fields: [Seconds, SecondsPath, Timestamp, TimestampPath]",
                    location);
        }
        JsonNode seconds = field("Seconds");
        if (seconds != null) {
            Values.integer(seconds, at("Seconds"), jsonata, 0, 99_999_999L, out);
        }
        JsonNode timestamp = field("Timestamp");
        if (timestamp != null) {
            Values.timestamp(timestamp, at("Timestamp"), jsonata, out);
        }
        for (String path : new String[] {"SecondsPath", "TimestampPath"}) {
            JsonNode value = field(path);
            if (value != null) {
                PathRules.referencePath(value, at(path), false, true, out);
            }
        }
    }

    /** Fail: Error xor ErrorPath, Cause xor CausePath. */
    private void failFields() {
        exclusive("Error", "ErrorPath");
        exclusive("Cause", "CausePath");
        for (String literal : new String[] {"Error", "Cause"}) {
            JsonNode value = field(literal);
            if (value != null) {
                Values.string(value, at(literal), jsonata, out);
            }
        }
        for (String path : new String[] {"ErrorPath", "CausePath"}) {
            JsonNode value = field(path);
            if (value != null) {
                PathRules.referencePathOrIntrinsic(value, path, at(path), out);
            }
        }
    }

    /** Parallel: a non-empty array of branches, each a States block of its own. */
    private void branches() {
        JsonNode branches = state.get("Branches");
        if (branches == null) {
            out.required(location, "Branches");
        } else if (!branches.isArray()) {
            out.expectedType("ARRAY", at("Branches"));
        } else if (branches.isEmpty()) {
            out.empty(at("Branches"));
        } else {
            for (int i = 0; i < branches.size(); i++) {
                machine.block(branches.get(i), Loc.index(at("Branches"), i), MachineValidator.BlockKind.BRANCH,
                        express, variables);
            }
        }
    }
}
