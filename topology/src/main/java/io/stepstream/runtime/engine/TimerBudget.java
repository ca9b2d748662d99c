package io.stepstream.runtime.engine;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Splits the timer budget between the tasks of one stream thread. Each task (partition) has its
 * own punctuator, and they run one after the other on the thread: with a whole budget each, four
 * partitions could spend 200 ms of every 100 ms interval firing timers and read no command.
 */
final class TimerBudget {
    /** Per stream thread: the tasks that punctuated lately and when. */
    private static final ThreadLocal<Map<Object, Long>> PUNCTUATED = ThreadLocal.withInitial(IdentityHashMap::new);

    private TimerBudget() {}

    /**
     * The nanoseconds this task's punctuation may spend: the budget divided by the tasks that
     * punctuated on this thread within the last two intervals (a task moved away drops out; so does
     * one seen "later", should the wall clock step back).
     */
    static long share(Object task, long now, Duration interval, Duration budget) {
        Map<Object, Long> punctuated = PUNCTUATED.get();
        punctuated.put(task, now);
        long since = now - 2 * interval.toMillis();
        punctuated.values().removeIf(at -> at < since || at > now);
        return budget.toNanos() / punctuated.size();
    }
}
