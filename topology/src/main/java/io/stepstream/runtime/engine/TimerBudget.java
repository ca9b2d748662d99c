package io.stepstream.runtime.engine;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Splits the timer budget between the tasks of one stream thread. Each task (partition) has its
 * own punctuator, and they run one after the other on the thread: with a whole budget each, four
 * partitions could spend 200 ms of every 100 ms interval firing timers and read no command. When
 * the thread read no command within the last interval, nothing waits for it: the timers may
 * then take the whole interval, and a backlog of due timers (a million Waits ending together) is
 * worked off at the thread's full speed instead of the budget's share.
 */
final class TimerBudget {
    /** Per stream thread. */
    private static final ThreadLocal<TimerBudget> THREAD = ThreadLocal.withInitial(TimerBudget::new);

    /** The tasks that punctuated lately, and when. */
    private final Map<Object, Long> punctuated = new IdentityHashMap<>();
    /** Wall-clock time the thread last processed a record. */
    private long processed;

    private TimerBudget() {}

    /** A task of this thread processes a record at {@code now}: punctuations within an interval keep to the budget. */
    static void processing(long now) {
        THREAD.get().processed = now;
    }

    /**
     * The nanoseconds this task's punctuation may spend: the budget, or the whole interval when
     * the thread processed no record within the last interval, divided by the tasks that
     * punctuated on this thread within the last two rounds (a task moved away drops out; so does
     * one seen "later", should the wall clock step back).
     */
    static long share(Object task, long now, Duration interval, Duration budget) {
        TimerBudget thread = THREAD.get();
        thread.punctuated.put(task, now);
        long since = now - 2 * Math.max(interval.toMillis(), budget.toMillis());
        thread.punctuated.values().removeIf(at -> at < since || at > now);
        boolean idle = now >= thread.processed && now - thread.processed > interval.toMillis();
        Duration spend = idle ? max(budget, interval) : budget;
        return spend.toNanos() / thread.punctuated.size();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
