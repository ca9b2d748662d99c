package io.stepstream.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Variable scopes: each Parallel branch and inline Map iteration has a scope of its own that
 * reads the outer scopes but may not assign a name they assign (AWS Developer Guide, workflow
 * variables). A Map or Parallel state's own Assign and catchers assign in the outer scope.
 * Distributed Map children run as separate executions and start a fresh scope.
 */
final class VariableScopes {

    /** The variable names the states of one block assign (state, Choice rule and catcher Assign). */
    static Set<String> assignedIn(JsonNode states) {
        Set<String> names = new HashSet<>();
        eachAssignment(states, "", (name, location) -> names.add(name));
        return names;
    }

    /** Reports every assignment in the block to a name an enclosing scope assigns. */
    static void check(JsonNode states, String statesLocation, Set<String> outer, Diagnostics out) {
        if (outer.isEmpty()) {
            return;
        }
        eachAssignment(states, statesLocation, (name, location) -> {
            if (outer.contains(name)) {
                out.schema("The variable '" + name + "' is assigned in an outer scope and cannot be assigned"
                        + " in a nested scope", location);
            }
        });
    }

    private static void eachAssignment(JsonNode states, String statesLocation, BiConsumer<String, String> action) {
        for (Iterator<String> names = states.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode state = states.get(name);
            String location = Loc.field(statesLocation, name);
            names(state.get("Assign"), Loc.field(location, "Assign"), action);
            for (String handlers : new String[] {"Choices", "Catch"}) {
                JsonNode array = state.path(handlers);
                for (int i = 0; array.isArray() && i < array.size(); i++) {
                    String at = Loc.field(Loc.index(Loc.field(location, handlers), i), "Assign");
                    names(array.get(i).get("Assign"), at, action);
                }
            }
        }
    }

    private static void names(JsonNode assign, String location, BiConsumer<String, String> action) {
        if (assign == null || !assign.isObject()) {
            return;
        }
        for (Iterator<String> keys = assign.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            String name = key.endsWith(PayloadTemplates.DYNAMIC)
                    ? key.substring(0, key.length() - PayloadTemplates.DYNAMIC.length()) : key;
            action.accept(name, Loc.field(location, key));
        }
    }

    private VariableScopes() {}
}
