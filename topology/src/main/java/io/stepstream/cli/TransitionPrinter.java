package io.stepstream.cli;

import io.stepstream.asl.json.Json;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;

/**
 * Prints an execution's transitions for {@code stepstream run}, one line each, except inside a
 * large Map (a MapStateStarted of {@value #LARGE} iterations or more): there every event of its
 * iterations is summed up in one progress line, "Map 'Name': 1,234/10,000 iterations done",
 * rewritten in place on a terminal and printed at every tenth otherwise. The Map's own events and
 * every transition before and after it print as usual (events do not say which iteration they
 * belong to, so a Parallel branch running beside the Map is summed up with it). Called from one
 * thread.
 */
final class TransitionPrinter {
    static final int LARGE = 100;
    private static final Set<String> MAP_ENDS = Set.of("MapStateSucceeded", "MapStateFailed", "MapStateAborted");
    private static final Set<String> ITERATION_ENDS = Set.of("MapIterationSucceeded", "MapIterationFailed",
            "MapIterationAborted");
    private static final Set<String> EXECUTION_ENDS = Set.of("ExecutionSucceeded", "ExecutionFailed",
            "ExecutionTimedOut", "ExecutionAborted");

    private final PrintStream out;
    private final boolean terminal;
    private String lastEnteredMap;
    private Progress progress;

    /** The large Map being summed up; depth counts the Maps started inside its iterations. */
    private static final class Progress {
        final String name;
        final long length;
        long done;
        int depth;
        long shown = -1;
        String line = "";

        Progress(String name, long length) {
            this.name = name;
            this.length = length;
        }

        String text() {
            return String.format(Locale.ROOT, "Map '%s': %,d/%,d iterations done", name, done, length);
        }
    }

    /** @param terminal rewrite the progress line in place ({@code System.console() != null}) */
    TransitionPrinter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** One history event; {@code details} is its JSON text. */
    void print(long id, String type, long timestamp, String details) {
        if (progress != null && !EXECUTION_ENDS.contains(type)) {
            if (insideLargeMap(type, details)) {
                return;
            }
        } else if (progress != null) {
            finish();
        }
        if (type.equals("MapStateEntered")) {
            lastEnteredMap = Json.parse(details).path("name").asText(null);
        }
        out.println(KafkaRun.format(id, type, timestamp, details));
        if (type.equals("MapStateStarted") && progress == null && lastEnteredMap != null) {
            long length = Json.parse(details).path("length").asLong(0);
            if (length >= LARGE) {
                progress = new Progress(lastEnteredMap, length);
                show();
            }
        }
    }

    /** Counts an event of the large Map; true when it is summed up rather than printed. */
    private boolean insideLargeMap(String type, String details) {
        Progress p = progress;
        if (type.equals("MapStateStarted")) {
            p.depth++;
            return true;
        }
        if (MAP_ENDS.contains(type) && p.depth > 0) {
            p.depth--;
            return true;
        }
        if (MAP_ENDS.contains(type)) {
            finish();
            return false; // the large Map's own end prints
        }
        if (p.depth == 0 && ITERATION_ENDS.contains(type)) { // nameless when the history level drops details
            p.done++;
            show();
        }
        return true;
    }

    /** Shows the progress: in place on a terminal at every percent, else at every tenth. */
    private void show() {
        Progress p = progress;
        long step = terminal ? Math.max(1, p.length / 100) : Math.max(1, p.length / 10);
        if (p.done != p.length && p.shown >= 0 && p.done / step == p.shown / step) {
            return;
        }
        p.shown = p.done;
        String text = p.text();
        if (terminal) {
            out.print("\r" + text + " ".repeat(Math.max(0, p.line.length() - text.length())));
            out.flush();
        } else {
            out.println(text);
        }
        p.line = text;
    }

    /** Ends the summary: the last count stays on screen. */
    private void finish() {
        Progress p = progress;
        if (p.shown != p.done) {
            p.shown = -1;
            show();
        }
        if (terminal) {
            out.println();
        }
        progress = null;
    }
}
