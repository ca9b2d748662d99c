package io.stepstream.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.model.MachineType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One validation run over a whole definition: the machine's own fields, then every States block
 * (the machine, Parallel branches, Map processors) and every state in it. Holds what must be
 * unique across the whole definition: state names and Map labels.
 */
final class MachineValidator {

    static final int MAX_STATE_NAME_LENGTH = 80;

    private static final Set<String> MACHINE_FIELDS =
            Set.of("StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage");
    private static final Set<String> BRANCH_FIELDS = Set.of("StartAt", "States", "Comment");
    private static final Set<String> PROCESSOR_FIELDS = Set.of("StartAt", "States", "Comment", "ProcessorConfig");

    /** What kind of States block is being checked; decides which fields it accepts. */
    enum BlockKind {
        MACHINE(MACHINE_FIELDS), BRANCH(BRANCH_FIELDS), PROCESSOR(PROCESSOR_FIELDS);

        private final Set<String> fields;

        BlockKind(Set<String> fields) {
            this.fields = fields;
        }
    }

    private final Diagnostics out = new Diagnostics();
    private final Set<String> stateNames = new HashSet<>();
    private final Set<String> labels = new HashSet<>();
    private boolean machineJsonata;

    static List<Diagnostic> run(JsonNode definition, MachineType type) {
        return new MachineValidator().validate(definition, type);
    }

    private List<Diagnostic> validate(JsonNode definition, MachineType type) {
        if (definition == null || !definition.isObject()) {
            out.schema("Definition must be a valid JSON object", null);
            return out.all();
        }
        machineJsonata = QueryLanguages.declared(definition, Loc.ROOT, false, out);
        JsonNode timeout = definition.get("TimeoutSeconds");
        if (timeout != null) {
            Numbers.integer(timeout, "/TimeoutSeconds", 1, 99_999_999L, out);
        }
        JsonNode version = definition.get("Version");
        if (version != null && !version.isTextual()) {
            out.expectedType("STRING", "/Version");
        }
        block(definition, Loc.ROOT, BlockKind.MACHINE, type == MachineType.EXPRESS, Set.of());
        return out.all();
    }

    Diagnostics out() {
        return out;
    }

    boolean machineJsonata() {
        return machineJsonata;
    }

    /** Records a Map label; false when the definition already uses it. */
    boolean claimLabel(String label) {
        return labels.add(label);
    }

    /**
     * Checks one States block and the states in it. {@code express} applies Express rules
     * (an Express machine, or the children of a Distributed Map run as Express executions);
     * {@code outerVariables} are the names the enclosing scopes assign.
     */
    void block(JsonNode block, String location, BlockKind kind, boolean express, Set<String> outerVariables) {
        if (!block.isObject()) {
            out.expectedType("OBJECT", Loc.of(location));
            return;
        }
        for (Iterator<String> fields = block.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!kind.fields.contains(field)) {
                out.notSupported(field, Loc.of(location));
            }
        }
        List<String> missing = new ArrayList<>();
        if (!block.has("States")) {
            missing.add("States");
        }
        if (!block.has("StartAt")) {
            missing.add("StartAt");
        }
        if (!missing.isEmpty()) {
            out.required(Loc.of(location), missing.toArray(String[]::new));
        }
        JsonNode startAt = block.get("StartAt");
        if (startAt != null && !startAt.isTextual()) {
            out.expectedType("STRING", Loc.field(location, "StartAt"));
        }
        JsonNode states = block.get("States");
        if (states == null) {
            return;
        }
        if (!states.isObject()) {
            out.expectedType("OBJECT", Loc.field(location, "States"));
            return;
        }
        String statesLocation = Loc.field(location, "States");
        VariableScopes.check(states, statesLocation, outerVariables, out);
        Set<String> visible = new HashSet<>(outerVariables);
        visible.addAll(VariableScopes.assignedIn(states));
        for (Iterator<String> names = states.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String stateLocation = Loc.field(statesLocation, name);
            stateName(name, stateLocation);
            new StateValidator(this, name, stateLocation, states.get(name), express, Set.copyOf(visible)).validate();
        }
        Graph.check(block, location, out);
    }

    private void stateName(String name, String location) {
        if (!stateNames.add(name)) {
            out.add(Codes.DUPLICATE_STATE_NAME, "Duplicate State name: " + name, location);
        }
        if (name.codePointCount(0, name.length()) > MAX_STATE_NAME_LENGTH) {
            out.add(Codes.INVALID_STATE_NAME, "Invalid State name: State '" + name + "' exceeds the "
                    + MAX_STATE_NAME_LENGTH + "-character limit allowed by the service", location);
        }
    }
}
