package io.stepstream.asl.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Scores results against the recordings and writes the summary: a line per feature tag with
 * passed/failed counts, then {@code conformance: P passed, F failed}.
 */
public final class ConformanceScore {
    private final Map<String, int[]> byFeature = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private int passed;
    private int failed;
    private int rejections;
    private int rejectionsWithAwsMessage;

    /** Runs every case through {@code executor} and scores it; an exception fails just that case. */
    public static ConformanceScore run(List<ConformanceCase> cases, Function<ConformanceCase, CaseResult> executor) {
        ConformanceScore score = new ConformanceScore();
        for (ConformanceCase c : cases) {
            String problem;
            try {
                CaseResult result = executor.apply(c);
                problem = check(c, result);
                score.strict(c, result);
            } catch (RuntimeException | StackOverflowError e) {
                problem = "threw " + e;
            }
            score.record(c, problem);
        }
        return score;
    }

    /** Null when the result matches the recording, else the difference. */
    public static String check(ConformanceCase c, CaseResult actual) {
        String expectedStatus = c.status();
        if (!expectedStatus.equals(actual.status())) {
            return "status: expected " + expectedStatus + ", got " + actual.status()
                    + (actual.error() != null ? " (" + actual.error() + ": " + actual.cause() + ")" : "")
                    + (actual.message() != null ? " (" + actual.message() + ")" : "");
        }
        Expectations expectations = new Expectations(c.placeholders());
        switch (expectedStatus) {
            case "SUCCEEDED":
                return expectations.diff(c.expect().get("output"), actual.output(), "output");
            case "FAILED":
            case "TIMED_OUT":
                if (c.expect().has("error") && !expectations.matches(c.expect().get("error").asText(), actual.error())) {
                    return "error: expected " + c.expect().get("error").asText() + ", got " + actual.error();
                }
                if (c.expect().has("cause") && !expectations.matches(c.expect().get("cause").asText(), actual.cause())) {
                    return "cause: expected \"" + c.expect().get("cause").asText() + "\", got \"" + actual.cause() + "\"";
                }
                return null;
            default:
                return null; // INVALID_DEFINITION: rejecting it is the basic level
        }
    }

    /** The strict level for rejected definitions: the same message as AWS's, word for word. */
    private void strict(ConformanceCase c, CaseResult result) {
        if ("INVALID_DEFINITION".equals(c.status()) && c.expect().has("message")) {
            rejections++;
            if (c.expect().get("message").asText().equals(result.message())) {
                rejectionsWithAwsMessage++;
            }
        }
    }

    private void record(ConformanceCase c, String problem) {
        boolean ok = problem == null;
        if (ok) {
            passed++;
        } else {
            failed++;
            failures.add(c.name() + "\n    " + problem);
        }
        for (String feature : c.features()) {
            int[] counts = byFeature.computeIfAbsent(feature, k -> new int[2]);
            counts[ok ? 0 : 1]++;
        }
    }

    public int passed() {
        return passed;
    }

    public int failed() {
        return failed;
    }

    public List<String> failures() {
        return failures;
    }

    public String summary() {
        StringBuilder out = new StringBuilder();
        byFeature.forEach((feature, counts) ->
                out.append(String.format("%-45s %4d passed, %4d failed%n", feature, counts[0], counts[1])));
        out.append("invalid definitions with AWS's exact message: ").append(rejectionsWithAwsMessage)
                .append(" of ").append(rejections).append('\n');
        out.append("conformance: ").append(passed).append(" passed, ").append(failed).append(" failed\n");
        return out.toString();
    }

    /** Writes the summary and, beside it, the failures with their reasons. */
    public void write(Path summaryFile) {
        try {
            Files.createDirectories(summaryFile.getParent());
            Files.writeString(summaryFile, summary());
            Files.writeString(summaryFile.resolveSibling("conformance-failures.txt"), String.join("\n", failures) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
