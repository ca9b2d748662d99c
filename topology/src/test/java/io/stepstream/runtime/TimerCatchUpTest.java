package io.stepstream.runtime;

import static io.stepstream.runtime.DrivenEngine.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stepstream.schemas.avro.Completion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timers a late punctuation schedules while it catches up (an engine that was down) still fire. */
class TimerCatchUpTest {
    @TempDir
    Path stateDir;

    @Test
    void aTimerScheduledByALateFiringBeforeTheLastDueTimeOfItsBatchStillFires() {
        try (DrivenEngine engine = new DrivenEngine(DrivenEngine.settings(), stateDir)) {
            engine.deploy("twice", """
                    {"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":1,"Next":"B"},
                     "B":{"Type":"Wait","Seconds":1,"End":true}}}""");
            engine.deploy("long", """
                    {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}""");
            String twice = engine.start("twice", "e", "{}", T0);
            String longer = engine.start("long", "e", "{}", T0);

            engine.driver.advanceWallClockTime(Duration.ofSeconds(20)); // one punctuation, 20 s late
            engine.driver.advanceWallClockTime(Duration.ofMillis(200));

            List<Completion> completions = engine.completions.readValuesToList();
            assertEquals(Set.of(twice, longer),
                    completions.stream().map(Completion::getExecutionId).collect(Collectors.toSet()));
            Completion first = completions.stream().filter(c -> c.getExecutionId().equals(twice)).findFirst().get();
            assertEquals(T0.plusSeconds(2), first.getStopDate(), "the history is as if the timers had fired on time");
        }
    }
}
