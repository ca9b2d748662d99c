package io.stepstream.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The tasks of one stream thread share one timer budget per interval. */
class TimerBudgetTest {
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration BUDGET = Duration.ofMillis(50);

    @Test
    void fourTasksOnOneThreadGetAQuarterEachAndATaskThatStoppedPunctuatingDropsOut() {
        Object[] tasks = {new Object(), new Object(), new Object(), new Object()};
        for (Object task : tasks) {
            TimerBudget.share(task, 1_000, INTERVAL, BUDGET);
        }
        assertEquals(BUDGET.toNanos() / 4, TimerBudget.share(tasks[0], 1_100, INTERVAL, BUDGET));

        for (int i = 0; i < 3; i++) {
            TimerBudget.share(tasks[i], 1_300 + i, INTERVAL, BUDGET);
        }
        assertEquals(BUDGET.toNanos() / 3, TimerBudget.share(tasks[0], 1_400, INTERVAL, BUDGET));
    }

    @Test
    void tasksOnAnotherThreadDoNotCount() throws InterruptedException {
        Object mine = new Object();
        Thread other = new Thread(() -> TimerBudget.share(new Object(), 0, INTERVAL, BUDGET));
        other.start();
        other.join();
        assertEquals(BUDGET.toNanos(), TimerBudget.share(mine, 0, INTERVAL, BUDGET));
    }
}
