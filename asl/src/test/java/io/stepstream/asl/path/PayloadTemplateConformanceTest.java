package io.stepstream.asl.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.eval.Bindings;
import io.stepstream.asl.eval.Variables;
import io.stepstream.asl.intrinsics.FixedEntropy;
import io.stepstream.asl.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases recorded against AWS: every conformance case whose definition is one Pass state
 * with only Parameters (and End, Comment) is replayed through {@link PayloadTemplate} alone.
 */
class PayloadTemplateConformanceTest {

    private static final Set<String> PASS_FIELDS = Set.of("Type", "Parameters", "End", "Comment");

    static Stream<Arguments> passParameterCases() throws IOException {
        Path dir = io.stepstream.asl.SharedFolders.conformanceCases();
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode kase = Json.parse(Files.readString(file));
                if (isSinglePassWithParameters(kase.path("definition"))) {
                    cases.add(Arguments.of(kase.path("name").asText(), kase));
                }
            }
        }
        return cases.stream();
    }

    private static boolean isSinglePassWithParameters(JsonNode definition) {
        JsonNode states = definition.path("States");
        if (states.size() != 1) {
            return false;
        }
        JsonNode state = states.elements().next();
        List<String> fields = new ArrayList<>();
        state.fieldNames().forEachRemaining(fields::add);
        return "Pass".equals(state.path("Type").asText()) && state.has("Parameters")
                && PASS_FIELDS.containsAll(fields);
    }

    @Test
    void theSelectionFindsTheIntrinsicCases() throws IOException {
        long count = passParameterCases().count();
        assertTrue(count >= 90, "only " + count + " single-Pass Parameters cases found");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("passParameterCases")
    void evaluatesParametersAsAwsDid(String name, JsonNode kase) {
        String stateName = kase.path("definition").path("StartAt").asText();
        JsonNode parameters = kase.path("definition").path("States").path(stateName).path("Parameters");
        JsonNode expect = kase.path("expect");
        List<String> placeholders = new ArrayList<>();
        kase.path("placeholders").fieldNames().forEachRemaining(placeholders::add);

        switch (expect.path("status").asText()) {
            case "INVALID_DEFINITION" -> {
                InvalidPathException e = assertThrows(InvalidPathException.class,
                        () -> PayloadTemplate.compile(parameters));
                assertEquals(expect.path("message").asText(), "Invalid State Machine Definition: "
                        + "'SCHEMA_VALIDATION_FAILED: " + e.getMessage() + " at /States/" + stateName + "/Parameters'");
            }
            case "SUCCEEDED" -> {
                JsonNode output = PayloadTemplate.compile(parameters).evaluate(bindings(kase, stateName), new FixedEntropy());
                assertTrue(output.equals(new Matching(placeholders), expect.path("output")),
                        () -> "expected " + expect.path("output") + " but was " + output);
            }
            case "FAILED" -> {
                PayloadTemplate template = PayloadTemplate.compile(parameters);
                AslException e = assertThrows(AslException.class,
                        () -> template.evaluate(bindings(kase, stateName), new FixedEntropy()));
                assertEquals(expect.path("error").asText(), e.error().error());
                // The engine prefixes the cause; the first state is entered at event #2.
                String cause = "An error occurred while executing the state '" + stateName
                        + "' (entered at the event id #2). " + e.error().cause();
                assertTrue(Matching.pattern(expect.path("cause").asText(), placeholders).matcher(cause).matches(),
                        () -> "expected cause " + expect.path("cause") + " but was " + cause);
            }
            default -> fail("unexpected status " + expect.path("status"));
        }
    }

    /** The context object with the recording's placeholder tokens as values. */
    private static Bindings bindings(JsonNode kase, String stateName) {
        ObjectNode context = Json.NODES.objectNode();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", "arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>");
        execution.set("Input", kase.path("input"));
        execution.put("Name", "<ExecArnPart_0idx>");
        execution.put("RoleArn", "snf_role_arn");
        execution.put("StartTime", "date");
        execution.put("RedriveCount", 0);
        ObjectNode state = context.putObject("State");
        state.put("EnteredTime", "date");
        state.put("Name", stateName);
        state.put("RetryCount", 0);
        ObjectNode machine = context.putObject("StateMachine");
        machine.put("Id", "arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>");
        machine.put("Name", "<ArnPart_0idx>");
        return new Bindings(kase.path("input"), context, Variables.NONE);
    }

    /**
     * The README's comparison: numbers by value (integers must stay integers), strings exactly,
     * except that a placeholder token in the expected text matches any text (a UUID for uuid tokens).
     * Used as {@code actual.equals(comparator, expected)}.
     */
    private record Matching(List<String> placeholders) implements Comparator<JsonNode> {
        @Override
        public int compare(JsonNode actual, JsonNode expected) {
            if (actual.isNumber() && expected.isNumber()) {
                boolean sameKind = actual.isIntegralNumber() == expected.isIntegralNumber()
                        || expected.decimalValue().stripTrailingZeros().scale() > 0;
                return sameKind && actual.decimalValue().compareTo(expected.decimalValue()) == 0 ? 0 : 1;
            }
            if (actual.isTextual() && expected.isTextual() && !placeholders.isEmpty()) {
                return pattern(expected.textValue(), placeholders).matcher(actual.textValue()).matches() ? 0 : 1;
            }
            return actual.equals(expected) ? 0 : 1;
        }

        static Pattern pattern(String expected, List<String> placeholders) {
            StringBuilder regex = new StringBuilder();
            int literalStart = 0;
            int i = 0;
            while (i < expected.length()) {
                String token = tokenAt(expected, i, placeholders);
                if (token == null) {
                    i++;
                    continue;
                }
                regex.append(Pattern.quote(expected.substring(literalStart, i)));
                regex.append(token.contains("uuid") ? "[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}" : ".+?");
                i += token.length();
                literalStart = i;
            }
            regex.append(Pattern.quote(expected.substring(literalStart)));
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }

        private static String tokenAt(String text, int index, List<String> placeholders) {
            String longest = null;
            for (Iterator<String> it = placeholders.iterator(); it.hasNext(); ) {
                String token = it.next();
                if (text.startsWith(token, index) && (longest == null || token.length() > longest.length())) {
                    longest = token;
                }
            }
            return longest;
        }
    }
}
