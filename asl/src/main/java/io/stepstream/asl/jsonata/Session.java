package io.stepstream.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One state's {@link JsonataEnvironment} converted to the library's values once, however many
 * expressions of a template read it. Not thread-safe; lives for one template evaluation.
 */
final class Session {

    private static final Object UNASSIGNED = new Object();

    private final JsonataEnvironment env;
    /** Variables converted so far, by name; created on first use, since shortcuts need none. */
    private Map<String, Object> variables;
    /** {@code $states} members converted so far, by name; created on first use. */
    private Map<String, Object> statesMembers;

    Session(JsonataEnvironment env) {
        this.env = env;
    }

    JsonataEnvironment env() {
        return env;
    }

    /** The bindings of one evaluation: {@code $states}, the variables it reads, the bound functions. */
    Jsonata.Frame frame(Set<String> variableNames, Set<String> statesFields) {
        Jsonata.Frame frame = new Jsonata.Frame(null);
        StepFunctionsFunctions.bindPerEvaluation(frame, variableNames, env.nowEpochMillis(), env.entropy());
        frame.bind("states", states(statesFields));
        for (String name : variableNames) {
            Object value = variable(name);
            if (value != UNASSIGNED) {
                frame.bind(name, value);
            }
        }
        EvaluationGuard.install(frame, env.budget());
        return frame;
    }

    /**
     * The {@code $states} object with the members the expression reads ({@code null}: all of them),
     * each converted at most once per session: converting the context object for every expression
     * was most of the cost of a JSONata state.
     */
    private Map<String, Object> states(Set<String> fields) {
        if (statesMembers == null) {
            statesMembers = new HashMap<>();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (String field : List.of("input", "context", "result", "errorOutput")) {
            if (fields == null || fields.contains(field)) {
                Object value = statesMembers.computeIfAbsent(field, this::convert);
                if (value != UNASSIGNED) {
                    map.put(field, value);
                }
            }
        }
        return Collections.unmodifiableMap(map);
    }

    private Object convert(String field) {
        JsonNode value = switch (field) {
            case "input" -> env.input();
            case "context" -> env.context();
            case "result" -> env.result();
            default -> env.errorOutput();
        };
        return value == null ? UNASSIGNED : JsonataValues.toJava(value);
    }

    private Object variable(String name) {
        if (variables == null) {
            variables = new HashMap<>();
        }
        return variables.computeIfAbsent(name, n -> {
            JsonNode value = env.variables().get(n);
            return value == null ? UNASSIGNED : JsonataValues.toJava(value);
        });
    }
}
