package io.stepstream.asl.jsonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.eval.Bindings;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.path.Path;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSONata conformance cases (recorded against AWS) that expressions alone can run: a chain
 * of Pass states, each JSONata with Output/Assign, or JSONPath with a literal or path Assign.
 * Everything else needs the interpreter and is left to its own suite.
 */
class JsonataConformanceTest {

    private static final Set<String> JSONATA_PASS_FIELDS = Set.of("Type", "QueryLanguage", "Output", "Assign", "Next", "End", "Comment");
    private static final Set<String> JSONPATH_PASS_FIELDS = Set.of("Type", "QueryLanguage", "Assign", "Next", "End", "Comment");
    private static final JsonNode CONTEXT = Json.parse("{\"Execution\":{\"Id\":\"arn:aws:states:us-east-1:111111111111:execution:sm:exec\"}}");

    static Stream<Named<JsonNode>> cases() throws IOException {
        java.nio.file.Path folder = casesFolder();
        List<Named<JsonNode>> selected = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.list(folder)) {
            for (java.nio.file.Path file : files.sorted().toList()) {
                JsonNode c = Json.parse(Files.readString(file));
                if (isRunnable(c)) {
                    selected.add(Named.of(c.get("name").asText(), c));
                }
            }
        }
        assertFalse(selected.isEmpty(), "no runnable JSONata case in " + folder);
        return selected.stream();
    }

    /** The system property, or ../../shared/conformance/cases relative to the module directory. */
    private static java.nio.file.Path casesFolder() {
        String configured = System.getProperty("conformance.cases");
        if (configured != null && !configured.isBlank() && Files.isDirectory(Paths.get(configured))) {
            return Paths.get(configured);
        }
        return Paths.get("../../shared/conformance/cases");
    }

    private static boolean isRunnable(JsonNode c) {
        JsonNode definition = c.get("definition");
        if (definition == null || !definition.isObject() || !"exact".equals(c.path("compare").asText())) {
            return false;
        }
        String status = c.path("expect").path("status").asText();
        if (!status.equals("SUCCEEDED") && !status.equals("FAILED")) {
            return false;
        }
        boolean usesJsonata = false;
        for (JsonNode state : iterable(definition.get("States").elements())) {
            if (!"Pass".equals(state.path("Type").asText())) {
                return false;
            }
            boolean jsonata = isJsonata(definition, state);
            usesJsonata |= jsonata;
            Set<String> allowed = jsonata ? JSONATA_PASS_FIELDS : JSONPATH_PASS_FIELDS;
            for (String field : iterable(state.fieldNames())) {
                if (!allowed.contains(field)) {
                    return false;
                }
            }
        }
        return usesJsonata;
    }

    private static boolean isJsonata(JsonNode definition, JsonNode state) {
        return "JSONata".equals(state.path("QueryLanguage").asText(definition.path("QueryLanguage").asText("JSONPath")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluatesLikeAws(JsonNode c) {
        JsonNode definition = c.get("definition");
        JsonNode expect = c.get("expect");
        JsonNode data = c.get("input");
        Map<String, JsonNode> variables = new HashMap<>();
        String name = definition.get("StartAt").asText();
        for (int k = 0; ; k++) {
            JsonNode state = definition.get("States").get(name);
            long enteredEventId = 2 + 2L * k;
            try {
                data = runPass(definition, state, data, variables);
            } catch (AslException e) {
                String cause = "An error occurred while executing the state '" + name + "' (entered at the event id #"
                        + enteredEventId + "). " + e.error().cause();
                assertEquals("FAILED", expect.get("status").asText(), cause);
                assertEquals(expect.get("error").asText(), e.error().error());
                assertEquals(expect.get("cause").asText(), cause);
                return;
            }
            if (state.path("End").asBoolean()) {
                break;
            }
            name = state.get("Next").asText();
        }
        assertEquals("SUCCEEDED", expect.get("status").asText(), "succeeded with " + data);
        assertJsonEquals(expect.get("output"), data);
    }

    private static JsonNode runPass(JsonNode definition, JsonNode state, JsonNode input, Map<String, JsonNode> variables) {
        Map<String, JsonNode> before = Map.copyOf(variables);
        if (!isJsonata(definition, state)) {
            assignJsonPath(state.get("Assign"), input, before, variables);
            return input;
        }
        JsonataEnvironment env = JsonataEnvironment.of(input, CONTEXT, before::get, 0L, Environments.FIXED_ENTROPY);
        JsonNode output = state.has("Output") ? JsonataTemplate.compile(state.get("Output"), "Output").evaluate(env) : input;
        if (state.has("Assign")) {
            JsonNode assigned = JsonataTemplate.compile(state.get("Assign"), "Assign").evaluate(env);
            assigned.fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue()));
        }
        return output;
    }

    private static void assignJsonPath(JsonNode assign, JsonNode input, Map<String, JsonNode> before,
                                       Map<String, JsonNode> variables) {
        if (assign == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : iterable(assign.fields())) {
            if (e.getKey().endsWith(".$")) {
                JsonNode value = Path.compile(e.getValue().asText()).select(new Bindings(input, CONTEXT, before::get));
                variables.put(e.getKey().substring(0, e.getKey().length() - 2), value);
            } else {
                variables.put(e.getKey(), e.getValue());
            }
        }
    }

    /** Numbers compare by value, and an expected integer must stay an integer. */
    private static void assertJsonEquals(JsonNode expected, JsonNode actual) {
        Comparator<JsonNode> numeric = (a, b) -> a.isNumber() && b.isNumber()
                ? a.decimalValue().compareTo(b.decimalValue())
                : a.equals(b) ? 0 : 1;
        assertTrue(expected.equals(numeric, actual), "expected " + expected + " but was " + actual);
        assertIntegersStayIntegers(expected, actual);
    }

    private static void assertIntegersStayIntegers(JsonNode expected, JsonNode actual) {
        if (expected.isIntegralNumber()) {
            assertTrue(actual.isIntegralNumber(), "expected the integer " + expected + " but was " + actual);
        }
        if (expected.isObject()) {
            for (Map.Entry<String, JsonNode> e : iterable(expected.fields())) {
                assertIntegersStayIntegers(e.getValue(), actual.get(e.getKey()));
            }
        }
        if (expected.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                assertIntegersStayIntegers(expected.get(i), actual.get(i));
            }
        }
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }

}
