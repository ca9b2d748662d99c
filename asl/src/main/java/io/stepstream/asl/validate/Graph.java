package io.stepstream.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The transition graph of one States block (the machine, a Parallel branch, a Map processor):
 * every target names a state of the same block, the block has a terminal state, and every state
 * is reachable from StartAt. Targets outside the block are "missing", which is how AWS rejects
 * transitions into or out of branches.
 */
final class Graph {

    /** One transition: its target and where it is written. */
    private record Transition(String target, String location) {}

    /** Checks the block at {@code blockLocation}, whose States field is an object. */
    static void check(JsonNode block, String blockLocation, Diagnostics out) {
        JsonNode states = block.get("States");
        String statesLocation = Loc.field(blockLocation, "States");
        JsonNode startAt = block.get("StartAt");
        boolean startKnown = startAt != null && startAt.isTextual() && states.has(startAt.asText());
        if (startAt != null && startAt.isTextual() && !startKnown) {
            missingTarget(startAt.asText(), Loc.field(blockLocation, "StartAt"), out);
        }
        for (Iterator<String> names = states.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            for (Transition t : transitions(states.get(name), Loc.field(statesLocation, name))) {
                if (!states.has(t.target())) {
                    missingTarget(t.target(), t.location(), out);
                }
            }
        }
        if (startAt == null || !startAt.isTextual()) {
            // Already a schema error; AWS walks no graph without a StartAt (localstack
            // test_sfn_api_validation INVALID_BASE_NO_STARTAT, recorded against AWS).
            return;
        }
        if (!hasTerminal(states)) {
            // AWS reports a block with no terminal state instead of its unreachable states.
            out.graph(Codes.MISSING_END_STATE, "Workflow has no terminal state", null);
            return;
        }
        Set<String> reachable = startKnown ? reachable(states, startAt.asText(), statesLocation) : Set.of();
        for (Iterator<String> names = states.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!reachable.contains(name)) {
                out.graph(Codes.MISSING_TRANSITION_TARGET, "State \"" + name + "\" is not reachable.",
                        Loc.field(statesLocation, name));
            }
        }
    }

    private static void missingTarget(String target, String location, Diagnostics out) {
        out.graph(Codes.MISSING_TRANSITION_TARGET, "Missing 'Next' target: " + target, location);
    }

    /** A terminal state anywhere in the block, reachable or not (AWS's MISSING_END_STATE rule). */
    private static boolean hasTerminal(JsonNode states) {
        for (JsonNode state : states) {
            String type = state.path("Type").asText("");
            if (type.equals("Succeed") || type.equals("Fail") || state.path("End").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> reachable(JsonNode states, String startAt, String statesLocation) {
        Set<String> seen = new HashSet<>(List.of(startAt));
        Deque<String> pending = new ArrayDeque<>(seen);
        while (!pending.isEmpty()) {
            String name = pending.pop();
            for (Transition t : transitions(states.get(name), Loc.field(statesLocation, name))) {
                if (states.has(t.target()) && seen.add(t.target())) {
                    pending.push(t.target());
                }
            }
        }
        return seen;
    }

    /** Next, Default, every Choice rule's Next and every catcher's Next of one state. */
    private static List<Transition> transitions(JsonNode state, String location) {
        List<Transition> transitions = new ArrayList<>();
        add(state, "Next", location, transitions);
        add(state, "Default", location, transitions);
        addEach(state.path("Choices"), Loc.field(location, "Choices"), transitions);
        addEach(state.path("Catch"), Loc.field(location, "Catch"), transitions);
        return transitions;
    }

    private static void addEach(JsonNode array, String location, List<Transition> transitions) {
        if (array.isArray()) {
            for (int i = 0; i < array.size(); i++) {
                add(array.get(i), "Next", Loc.index(location, i), transitions);
            }
        }
    }

    private static void add(JsonNode owner, String field, String location, List<Transition> transitions) {
        JsonNode target = owner.get(field);
        if (target != null && target.isTextual()) {
            transitions.add(new Transition(target.asText(), Loc.field(location, field)));
        }
    }

    private Graph() {}
}
