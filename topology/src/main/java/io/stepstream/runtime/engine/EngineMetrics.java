package io.stepstream.runtime.engine;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one engine, shared by its stream threads; read them for tests and dashboards. */
public final class EngineMetrics {
    final LongAdder commands = new LongAdder();
    final LongAdder duplicateStarts = new LongAdder();
    final LongAdder rejections = new LongAdder();
    final LongAdder deadLetters = new LongAdder();
    final LongAdder timersFired = new LongAdder();
    final LongAdder completions = new LongAdder();
    final LongAdder expirations = new LongAdder();

    /** Command records read (including unreadable ones). */
    public long commands() {
        return commands.sum();
    }

    /** StartExecution commands that repeated a running execution's name and input, and so did nothing. */
    public long duplicateStarts() {
        return duplicateStarts.sum();
    }

    /** Events the interpreter rejected as stale (a late timer, a result for a task no longer awaited). */
    public long rejections() {
        return rejections.sum();
    }

    /** Records sent to the dead-letter topic. */
    public long deadLetters() {
        return deadLetters.sum();
    }

    public long timersFired() {
        return timersFired.sum();
    }

    /** Executions that ended. */
    public long completions() {
        return completions.sum();
    }

    /** Ended executions deleted from the store when their retention ran out. */
    public long expirations() {
        return expirations.sum();
    }

    @Override
    public String toString() {
        return "commands=" + commands() + " duplicateStarts=" + duplicateStarts() + " rejections=" + rejections()
                + " deadLetters=" + deadLetters() + " timersFired=" + timersFired() + " completions=" + completions()
                + " expirations=" + expirations();
    }
}
