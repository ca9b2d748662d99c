package io.stepstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transition printer of {@code stepstream run}: large Maps as one progress line. */
class TransitionPrinterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long id;

    private void event(TransitionPrinter printer, String type, String details) {
        printer.print(++id, type, 0, details);
    }

    /** A Map of {@code length} iterations, each running one Pass state, between two Pass states. */
    private String run(boolean terminal, int length) {
        TransitionPrinter printer = new TransitionPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal);
        event(printer, "ExecutionStarted", "{}");
        event(printer, "MapStateEntered", "{\"name\":\"Fan\"}");
        event(printer, "MapStateStarted", "{\"length\":" + length + "}");
        for (int i = 0; i < length; i++) {
            event(printer, "MapIterationStarted", "{\"name\":\"Fan\",\"index\":" + i + "}");
            event(printer, "PassStateEntered", "{\"name\":\"Inner\"}");
            event(printer, "PassStateExited", "{\"name\":\"Inner\"}");
            event(printer, "MapIterationSucceeded", "{\"name\":\"Fan\",\"index\":" + i + "}");
        }
        event(printer, "MapStateSucceeded", "{}");
        event(printer, "MapStateExited", "{\"name\":\"Fan\"}");
        event(printer, "ExecutionSucceeded", "{}");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static List<String> types(String out) {
        return out.lines().filter(l -> !l.startsWith("Map '")).map(l -> l.trim().split("\\s+")[1]).toList();
    }

    @Test
    void printsEveryTransitionOfASmallMap() {
        String out = run(false, 3);

        assertEquals(3 + 3 * 4 + 3, out.lines().count());
        assertTrue(out.lines().noneMatch(l -> l.startsWith("Map '")), out);
    }

    @Test
    void sumsUpALargeMapInOneLinePerTenthWhenNotOnATerminal() {
        String out = run(false, 1_000);

        List<String> progress = out.lines().filter(l -> l.startsWith("Map '")).toList();
        assertEquals(11, progress.size(), out);
        assertEquals("Map 'Fan': 0/1,000 iterations done", progress.get(0));
        assertEquals("Map 'Fan': 100/1,000 iterations done", progress.get(1));
        assertEquals("Map 'Fan': 1,000/1,000 iterations done", progress.get(10));
        assertEquals(List.of("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapStateSucceeded",
                "MapStateExited", "ExecutionSucceeded"), types(out));
    }

    @Test
    void rewritesTheProgressLineInPlaceOnATerminal() {
        String out = run(true, 200);

        // String.lines() would split at the carriage returns that rewrite the line
        String progress = java.util.Arrays.stream(out.split("\n")).filter(l -> l.contains("Map 'Fan'")).findFirst()
                .orElseThrow();
        assertTrue(progress.startsWith("\rMap 'Fan': 0/200 iterations done\rMap 'Fan': 2/200"), progress);
        assertTrue(progress.endsWith("\rMap 'Fan': 200/200 iterations done"), progress);
        assertEquals(1 + 101, progress.split("\r").length); // nothing before the first, then 0, 2, ..., 200
        assertEquals(List.of("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapStateSucceeded",
                "MapStateExited", "ExecutionSucceeded"), types(out.replace(progress + "\n", "")));
    }

    @Test
    void countsOnlyTheLargeMapsOwnIterationsWhenMapsAreNested() {
        TransitionPrinter printer = new TransitionPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        event(printer, "MapStateEntered", "{\"name\":\"Outer\"}");
        event(printer, "MapStateStarted", "{\"length\":100}");
        event(printer, "MapIterationStarted", "{\"name\":\"Outer\",\"index\":0}");
        event(printer, "MapStateEntered", "{\"name\":\"Inner\"}");
        event(printer, "MapStateStarted", "{\"length\":2}");
        event(printer, "MapIterationSucceeded", "{\"name\":\"Inner\",\"index\":0}");
        event(printer, "MapIterationSucceeded", "{\"name\":\"Inner\",\"index\":1}");
        event(printer, "MapStateSucceeded", "{}");
        event(printer, "MapIterationSucceeded", "{\"name\":\"Outer\",\"index\":0}");
        event(printer, "ExecutionFailed", "{\"error\":\"Stopped\"}");

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("Map 'Outer': 1/100 iterations done"), out);
        assertTrue(out.lines().reduce((a, b) -> b).orElseThrow().contains("ExecutionFailed"), out);
    }
}
