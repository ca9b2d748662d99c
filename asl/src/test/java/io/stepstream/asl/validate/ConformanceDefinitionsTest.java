package io.stepstream.asl.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The definitions of the AWS-recorded conformance cases (shared/conformance): the ones AWS
 * rejected are rejected with AWS's exact message (and, for ValidateStateMachineDefinition, its
 * exact diagnostics); every one AWS accepted and ran is accepted.
 */
class ConformanceDefinitionsTest {

    static final String INVALID = "INVALID_DEFINITION";

    /** Rejections that need a parser another package provides; skipped while it is missing. */
    static final Map<String, String> PENDING = Map.of(
            "scenarios.test_base_scenarios.test_illegal_escapes[ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION_2]"
                    + "::exception.exception_value",
            "intrinsic escape checking (Intrinsics.parse not implemented yet)");

    private static final AtomicInteger rejectedExactly = new AtomicInteger();
    private static final AtomicInteger accepted = new AtomicInteger();
    private static final List<String> pending = new ArrayList<>();
    private static final List<String> failed = new ArrayList<>();

    static List<CaseFiles.Case> all() {
        return CaseFiles.load(io.stepstream.asl.SharedFolders.conformanceCases());
    }

    static List<CaseFiles.Case> rejectedByAws() {
        return all().stream().filter(c -> status(c).equals(INVALID)).toList();
    }

    static List<CaseFiles.Case> acceptedByAws() {
        return all().stream().filter(c -> !status(c).equals(INVALID)).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedByAws")
    void definitionAwsRejectedIsRejectedWithAwsMessage(CaseFiles.Case c) {
        List<Diagnostic> diagnostics = validate(c);
        if (diagnostics.isEmpty() && PENDING.containsKey(c.name())) {
            pending.add(c.name());
            Assumptions.abort("pending on " + PENDING.get(c.name()));
        }
        failed.add(c.name());
        assertFalse(diagnostics.isEmpty(), "AWS rejected this definition");
        JsonNode expect = c.json().path("expect");
        InvalidDefinitionException rejection = new InvalidDefinitionException(diagnostics);
        if (c.json().path("api").asText().equals("ValidateStateMachineDefinition")) {
            assertEquals(expected(expect.path("diagnostics")), actual(diagnostics));
            assertEquals(expect.path("message").asText(), rejection.validationMessage());
        } else {
            assertEquals(expect.path("message").asText(), rejection.getMessage());
        }
        failed.remove(c.name());
        rejectedExactly.incrementAndGet();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedByAws")
    void definitionAwsAcceptedIsAccepted(CaseFiles.Case c) {
        List<Diagnostic> diagnostics = validate(c);
        if (!diagnostics.isEmpty()) {
            failed.add(c.name());
        }
        assertEquals(List.of(), diagnostics, "AWS accepted and ran this definition");
        accepted.incrementAndGet();
    }

    private static List<Diagnostic> validate(CaseFiles.Case c) {
        MachineType type = c.json().path("state_machine_type").asText("STANDARD").equals("EXPRESS")
                ? MachineType.EXPRESS : MachineType.STANDARD;
        JsonNode definition = c.json().get("definition");
        if (definition == null || definition.isNull()) {
            return DefinitionValidator.validate(c.json().path("definition_text").asText(), type);
        }
        return DefinitionValidator.validate(definition, type);
    }

    /** AWS's diagnostics as comparable text: severity, code, message, location (absent = null). */
    private static List<String> expected(JsonNode diagnostics) {
        List<String> lines = new ArrayList<>();
        for (JsonNode d : diagnostics) {
            lines.add(d.path("severity").asText() + " " + d.path("code").asText() + ": " + d.path("message").asText()
                    + " @ " + (d.has("location") ? d.path("location").asText() : null));
        }
        return lines;
    }

    private static List<String> actual(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .map(d -> d.severity() + " " + d.code() + ": " + d.message() + " @ " + d.location())
                .toList();
    }

    private static String status(CaseFiles.Case c) {
        return c.json().path("expect").path("status").asText();
    }

    @AfterAll
    static void summary() {
        System.out.printf("conformance definitions: %d rejected with AWS's exact message, %d accepted as AWS did,"
                + " %d pending %s, %d failed %s%n", rejectedExactly.get(), accepted.get(), pending.size(), pending,
                failed.size(), failed);
    }
}
