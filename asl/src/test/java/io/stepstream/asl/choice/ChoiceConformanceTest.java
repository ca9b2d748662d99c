package io.stepstream.asl.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance cases recorded against AWS that Choice rules alone can decide: state machines
 * of Choice, Pass (literal Result), Succeed and Fail states, run by {@link ChoiceWalker}.
 */
class ChoiceConformanceTest {

    /** How many runnable cases the folder held when this test was written (a guard, not a goal). */
    private static final int EXPECTED_AT_LEAST = 340;

    static Path casesFolder() {
        return io.stepstream.asl.SharedFolders.conformanceCases();
    }

    static List<JsonNode> runnableCases() {
        try (Stream<Path> files = Files.list(casesFolder())) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted()
                    .map(ChoiceConformanceTest::read)
                    .filter(c -> "exact".equals(c.path("compare").asText()))
                    .filter(c -> ChoiceWalker.canRun(c.get("definition")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> cases() {
        return runnableCases().stream().map(c -> Arguments.of(c.get("name").asText(), c));
    }

    private static JsonNode read(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsAsAwsDid(String name, JsonNode testCase) {
        ChoiceWalker.Outcome outcome = ChoiceWalker.run(testCase.get("definition"), testCase.get("input"));
        JsonNode expect = testCase.get("expect");
        switch (expect.get("status").asText()) {
            case "SUCCEEDED" -> {
                assertNull(outcome.error(), () -> "failed with " + outcome.error());
                assertTrue(expect.get("output").equals(NUMBERS_BY_VALUE, outcome.output()),
                        () -> "expected " + expect.get("output") + " but was " + outcome.output());
            }
            case "FAILED" -> {
                assertNotNull(outcome.error(), () -> "succeeded with " + outcome.output());
                if (expect.has("error")) {
                    assertEquals(expect.get("error").asText(), outcome.error().error());
                }
                if (expect.has("cause")) {
                    assertEquals(expect.get("cause").asText(), outcome.error().cause());
                }
            }
            default -> throw new AssertionError("Unexpected status in " + expect);
        }
    }

    @Test
    void runsTheRecordedChoiceCases() {
        int runnable = runnableCases().size();
        assertTrue(runnable >= EXPECTED_AT_LEAST, "only " + runnable + " runnable cases in " + casesFolder());
    }

    /** JSON equality with 1 equal to 1.0, as the conformance README asks. */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };
}
