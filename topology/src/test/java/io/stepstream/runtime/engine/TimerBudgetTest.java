package io.stepstream.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The tasks of one stream thread share one timer budget per interval, or the whole interval when
 * no command came. Each test runs on a thread of its own: the budget is kept per thread.
 */
class TimerBudgetTest {
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration BUDGET = Duration.ofMillis(50);

    @Test
    void fourTasksOnOneThreadGetAQuarterEachAndATaskThatStoppedPunctuatingDropsOut() throws Throwable {
        onItsOwnThread(() -> {
            Object[] tasks = {new Object(), new Object(), new Object(), new Object()};
            TimerBudget.processing(1_000); // commands keep coming: the budget, not the interval
            for (Object task : tasks) {
                TimerBudget.share(task, 1_000, INTERVAL, BUDGET);
            }
            assertEquals(BUDGET.toNanos() / 4, TimerBudget.share(tasks[0], 1_100, INTERVAL, BUDGET));

            TimerBudget.processing(1_300);
            for (int i = 0; i < 3; i++) {
                TimerBudget.share(tasks[i], 1_300 + i, INTERVAL, BUDGET);
            }
            assertEquals(BUDGET.toNanos() / 3, TimerBudget.share(tasks[0], 1_400, INTERVAL, BUDGET));
        });
    }

    @Test
    void aThreadThatReadNoCommandForAnIntervalMayFireForTheWholeInterval() throws Throwable {
        onItsOwnThread(() -> {
            Object[] tasks = {new Object(), new Object()};
            TimerBudget.processing(10_000);
            assertEquals(BUDGET.toNanos(), TimerBudget.share(tasks[0], 10_050, INTERVAL, BUDGET));
            assertEquals(BUDGET.toNanos() / 2, TimerBudget.share(tasks[1], 10_100, INTERVAL, BUDGET));

            assertEquals(INTERVAL.toNanos() / 2, TimerBudget.share(tasks[0], 10_101, INTERVAL, BUDGET));

            TimerBudget.processing(10_150);
            assertEquals(BUDGET.toNanos() / 2, TimerBudget.share(tasks[1], 10_200, INTERVAL, BUDGET));
        });
    }

    @Test
    void aRoundOfPunctuationsLongerThanTheIntervalKeepsEveryTaskCounted() throws Throwable {
        onItsOwnThread(() -> {
            Duration interval = Duration.ofMillis(10);
            Object[] tasks = {new Object(), new Object(), new Object(), new Object()};
            TimerBudget.processing(0);
            for (int i = 0; i < 4; i++) { // each spends its 12.5 ms share, one after the other
                TimerBudget.share(tasks[i], 13L * i, interval, BUDGET);
            }
            assertEquals(BUDGET.toNanos() / 4, TimerBudget.share(tasks[0], 52, interval, BUDGET));
        });
    }

    @Test
    void tasksOnAnotherThreadDoNotCount() throws Throwable {
        onItsOwnThread(() -> {
            Object mine = new Object();
            TimerBudget.processing(0);
            onItsOwnThread(() -> TimerBudget.share(new Object(), 0, INTERVAL, BUDGET));
            assertEquals(BUDGET.toNanos(), TimerBudget.share(mine, 0, INTERVAL, BUDGET));
        });
    }

    private interface Body {
        void run() throws Throwable;
    }

    private static void onItsOwnThread(Body body) throws Throwable {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
