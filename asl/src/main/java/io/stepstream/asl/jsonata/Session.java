package io.stepstream.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One state's {@link JsonataEnvironment} converted to the library's values once, however many
 * expressions of a template read it. Not thread-safe; lives for one template evaluation.
 */
final class Session {

    private static final Object UNASSIGNED = new Object();

    private final JsonataEnvironment env;
    private final Map<String, Object> variables = new HashMap<>();
    private Map<String, Object> states;

    Session(JsonataEnvironment env) {
        this.env = env;
    }

    JsonataEnvironment env() {
        return env;
    }

    /** The bindings of one evaluation: {@code $states}, the variables it reads, the bound functions. */
    Jsonata.Frame frame(Set<String> variableNames) {
        Jsonata.Frame frame = new Jsonata.Frame(null);
        StepFunctionsFunctions.bindPerEvaluation(frame, variableNames, env.nowEpochMillis(), env.entropy());
        frame.bind("states", states());
        for (String name : variableNames) {
            Object value = variable(name);
            if (value != UNASSIGNED) {
                frame.bind(name, value);
            }
        }
        EvaluationGuard.install(frame, env.budget());
        return frame;
    }

    private Map<String, Object> states() {
        if (states == null) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("input", JsonataValues.toJava(env.input()));
            map.put("context", JsonataValues.toJava(env.context()));
            if (env.result() != null) {
                map.put("result", JsonataValues.toJava(env.result()));
            }
            if (env.errorOutput() != null) {
                map.put("errorOutput", JsonataValues.toJava(env.errorOutput()));
            }
            states = Collections.unmodifiableMap(map);
        }
        return states;
    }

    private Object variable(String name) {
        return variables.computeIfAbsent(name, n -> {
            JsonNode value = env.variables().get(n);
            return value == null ? UNASSIGNED : JsonataValues.toJava(value);
        });
    }
}
