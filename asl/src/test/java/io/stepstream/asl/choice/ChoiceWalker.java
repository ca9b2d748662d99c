package io.stepstream.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.errors.AslError;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.errors.ErrorNames;
import io.stepstream.asl.eval.Bindings;
import io.stepstream.asl.eval.Variables;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.path.ReferencePath;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A test-only interpreter for the smallest state machines: Choice, Pass with a literal Result,
 * Succeed and Fail, enough to see which branch a Choice state took. Anything else is refused by
 * {@link #canRun}, so that a conformance case is either run faithfully or left out.
 */
final class ChoiceWalker {

    /** How an execution ended: exactly one of output and error is non-null. */
    record Outcome(JsonNode output, AslError error) {}

    private static final int MAX_TRANSITIONS = 1_000;

    private static final Map<String, Set<String>> ALLOWED_FIELDS = Map.of(
            "Choice", Set.of("Type", "Choices", "Default", "Comment"),
            "Pass", Set.of("Type", "Result", "ResultPath", "Next", "End", "Comment"),
            "Succeed", Set.of("Type", "Comment"),
            "Fail", Set.of("Type", "Error", "Cause", "Comment"));

    private static final Set<String> RULE_FIELDS_OUT_OF_SCOPE = Set.of("Condition", "Assign", "Output");

    private ChoiceWalker() {}

    /** True when the definition uses nothing but what this walker runs, and has a Choice state. */
    static boolean canRun(JsonNode definition) {
        if (definition == null || !definition.isObject() || definition.has("QueryLanguage")
                || !definition.path("States").isObject()) {
            return false;
        }
        boolean hasChoice = false;
        for (JsonNode state : definition.get("States")) {
            String type = state.path("Type").asText();
            Set<String> allowed = ALLOWED_FIELDS.get(type);
            if (allowed == null || !onlyFields(state, allowed)) {
                return false;
            }
            if (type.equals("Choice")) {
                hasChoice = true;
                for (JsonNode rule : state.path("Choices")) {
                    if (RULE_FIELDS_OUT_OF_SCOPE.stream().anyMatch(rule::has)) {
                        return false;
                    }
                }
            }
            if (type.equals("Pass") && state.has("ResultPath") && !state.get("ResultPath").isNull()
                    && ReferencePath.tryParse(state.get("ResultPath").asText()) == null) {
                return false;
            }
        }
        return hasChoice;
    }

    private static boolean onlyFields(JsonNode state, Set<String> allowed) {
        for (Iterator<String> names = state.fieldNames(); names.hasNext(); ) {
            if (!allowed.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    static Outcome run(JsonNode definition, JsonNode input) {
        ObjectNode context = Json.NODES.objectNode();
        context.putObject("Execution").set("Input", input);
        JsonNode states = definition.get("States");
        String name = definition.get("StartAt").asText();
        JsonNode data = input;
        for (int transitions = 0; transitions < MAX_TRANSITIONS; transitions++) {
            JsonNode state = states.get(name);
            switch (state.get("Type").asText()) {
                case "Choice" -> {
                    try {
                        name = choose(state, new Bindings(data, context, Variables.NONE));
                    } catch (AslException e) {
                        return new Outcome(null, e.error());
                    }
                    if (name == null) {
                        return new Outcome(null, new AslError(ErrorNames.NO_CHOICE_MATCHED, null));
                    }
                }
                case "Pass" -> {
                    data = pass(state, data);
                    if (data == null) {
                        return new Outcome(null, new AslError(ErrorNames.RESULT_PATH_MATCH_FAILURE, null));
                    }
                    if (state.path("End").asBoolean(false)) {
                        return new Outcome(data, null);
                    }
                    name = state.get("Next").asText();
                }
                case "Succeed" -> {
                    return new Outcome(data, null);
                }
                case "Fail" -> {
                    return new Outcome(null, new AslError(state.path("Error").asText(""),
                            state.has("Cause") ? state.get("Cause").asText() : null));
                }
                default -> throw new IllegalStateException("canRun let through " + state);
            }
        }
        throw new IllegalStateException("No end after " + MAX_TRANSITIONS + " transitions");
    }

    /** The next state's name, or null when no rule matched and there is no Default. */
    private static String choose(JsonNode state, Bindings bindings) {
        for (JsonNode rule : state.get("Choices")) {
            if (ChoiceRules.compile(rule).test(bindings)) {
                return rule.get("Next").asText();
            }
        }
        return state.has("Default") ? state.get("Default").asText() : null;
    }

    private static JsonNode pass(JsonNode state, JsonNode data) {
        JsonNode result = state.has("Result") ? state.get("Result") : data;
        if (!state.has("ResultPath")) {
            return result;
        }
        JsonNode resultPath = state.get("ResultPath");
        return resultPath.isNull() ? data : ReferencePath.parse(resultPath.asText()).write(data, result);
    }
}
