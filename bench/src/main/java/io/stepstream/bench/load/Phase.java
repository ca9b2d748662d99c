package io.stepstream.bench.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one phase of a run saw: executions started and ended, when, and the start-to-completion
 * latency and timer lateness (milliseconds). Written by one tail thread, read after the phase.
 */
final class Phase {
    final String tag;
    final long expected;
    volatile long firstSendNanos;
    volatile long lastSendNanos;
    volatile long ended;
    volatile long failed;
    volatile long lastEndNanos;
    final Histogram latency = new Histogram(TimeUnit.HOURS.toMillis(1), 3);
    final Histogram lateness = new Histogram(TimeUnit.HOURS.toMillis(1), 3);
    volatile long early;

    Phase(String tag, long expected) {
        this.tag = tag;
        this.expected = expected;
    }

    synchronized void ended(long nowMillis, long startMillis, long stopMillis, boolean succeeded) {
        latency.recordValue(Math.max(0, nowMillis - startMillis));
        long late = nowMillis - stopMillis;
        if (late < 0) {
            early++;
        }
        lateness.recordValue(Math.max(0, late));
        if (!succeeded) {
            failed++;
        }
        lastEndNanos = System.nanoTime();
        ended++;
    }

    /** Records or executions ended per second, from the first send to the last end. */
    double rate() {
        return ended / ((lastEndNanos - firstSendNanos) / 1e9);
    }

    double seconds() {
        return (lastEndNanos - firstSendNanos) / 1e9;
    }

    /** Waits until every expected record has ended; false when {@code timeoutMillis} passed first. */
    boolean await(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (ended < expected) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
