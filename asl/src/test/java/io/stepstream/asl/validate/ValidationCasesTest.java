package io.stepstream.asl.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.model.MachineType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The linter-derived validation cases (shared/validation): VALID cases are accepted and
 * INVALID_DEFINITION cases rejected, except where the case says AWS decides the other way
 * ({@code aws_may_differ}): there AWS wins. A case flagged only for an unrecognised Task
 * Resource is checked twice: as given (AWS rejects it) and with the Resource replaced by a
 * recognised Lambda ARN (the linter's expectation then applies).
 */
class ValidationCasesTest {

    static final String SUBSTITUTE_ARN = "arn:aws:lambda:us-east-1:123456789012:function:fn";
    static final String UNRECOGNISED_RESOURCE = "unrecognised_resource";

    /** Cases whose rule lives in a parser another package provides; skipped while it is missing. */
    static final Map<String, String> PENDING = Map.of(
            "asl-validator.invalid-math-add", "intrinsic argument checks (Intrinsics.parse not implemented yet)",
            "asl-validator.invalid-jsonata-syntax-arithmetic", "JSONata expression parsing (Jsonata.checkExpression)",
            "asl-validator.invalid-jsonata-syntax-jsonpath-in-jsonata-surround",
            "JSONata expression parsing (Jsonata.checkExpression)");

    /**
     * Cases where recorded AWS behaviour contradicts the linter's (unverified) expectation; the
     * validator follows AWS and the test expects the opposite of the linter.
     */
    static final Map<String, String> AWS_EVIDENCE_DISAGREES = Map.of(
            "asl-validator.invalid-jsonata-surround-syntax-no-open",
            "a string that is not exactly '{% ... %}' is a literal: AWS ran ' {% states.input %} ' as one"
                    + " (conformance outputdecl.test_output BASE_LITERALS)");

    private static final AtomicInteger asExpected = new AtomicInteger();
    private static final AtomicInteger awsWins = new AtomicInteger();
    private static final AtomicInteger substituted = new AtomicInteger();
    private static final List<String> pending = new ArrayList<>();
    private static final List<String> failed = new ArrayList<>();

    static List<CaseFiles.Case> cases() {
        return CaseFiles.load(io.stepstream.asl.SharedFolders.validationCases());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void definitionIsAcceptedOrRejectedAsAwsWould(CaseFiles.Case c) {
        JsonNode expect = c.json().path("expect");
        boolean linterValid = expect.path("status").asText().equals("VALID");
        List<String> flags = strings(c.json().path("aws_may_differ"));
        List<String> otherFlags = flags.stream().filter(f -> !f.equals(UNRECOGNISED_RESOURCE)).toList();

        List<Diagnostic> asGiven = validate(c);
        boolean awsDisagrees = !flags.isEmpty() || AWS_EVIDENCE_DISAGREES.containsKey(c.name());
        check(c, awsDisagrees != linterValid, asGiven, "as given");
        if (awsDisagrees) {
            awsWins.incrementAndGet();
        }

        boolean incidentalResource = strings(c.json().path("incidental_problems")).contains(UNRECOGNISED_RESOURCE);
        if (flags.contains(UNRECOGNISED_RESOURCE) || incidentalResource) {
            JsonNode fixed = c.json().get("definition").deepCopy();
            substituteResources(fixed);
            List<Diagnostic> withLambda = DefinitionValidator.validate(fixed, MachineType.STANDARD);
            check(c, otherFlags.isEmpty() ? linterValid : !linterValid, withLambda, "with Resource " + SUBSTITUTE_ARN);
            substituted.incrementAndGet();
        }
        asExpected.incrementAndGet();
    }

    private static void check(CaseFiles.Case c, boolean expectValid, List<Diagnostic> diagnostics, String variant) {
        boolean valid = diagnostics.isEmpty();
        if (valid != expectValid && PENDING.containsKey(c.name())) {
            pending.add(c.name());
            Assumptions.abort("pending on " + PENDING.get(c.name()));
        }
        if (valid != expectValid) {
            failed.add(c.name());
        }
        assertEquals(expectValid, valid, () -> c.name() + " (" + variant + ") " + (expectValid
                ? "should be accepted but got " + diagnostics
                : "should be rejected but was accepted; notes: " + c.json().path("notes").asText()));
    }

    private static List<Diagnostic> validate(CaseFiles.Case c) {
        JsonNode definition = c.json().get("definition");
        if (definition == null || definition.isNull()) {
            return DefinitionValidator.validate(c.json().path("definition_text").asText(), MachineType.STANDARD);
        }
        return DefinitionValidator.validate(definition, MachineType.STANDARD);
    }

    /** Replaces every Task Resource AWS would not recognise, in every States block. */
    static void substituteResources(JsonNode block) {
        for (JsonNode state : block.path("States")) {
            if (state.path("Type").asText().equals("Task")) {
                JsonNode resource = state.get("Resource");
                if (resource == null || !resource.isTextual() || Resources.recognise(resource.asText()) == null) {
                    ((ObjectNode) state).put("Resource", SUBSTITUTE_ARN);
                }
            }
            state.path("Branches").forEach(ValidationCasesTest::substituteResources);
            substituteResources(state.path("ItemProcessor"));
            substituteResources(state.path("Iterator"));
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @AfterAll
    static void summary() {
        System.out.printf("validation cases: %d as expected (%d decided as AWS would where aws_may_differ or recorded AWS behaviour disagrees, %d also"
                        + " checked with Resource %s), %d pending %s, %d failed %s%n",
                asExpected.get(), awsWins.get(), substituted.get(), SUBSTITUTE_ARN, pending.size(), pending,
                failed.size(), failed);
    }
}
