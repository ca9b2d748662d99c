package io.stepstream.runtime;

import static io.stepstream.runtime.DrivenEngine.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.runtime.engine.ExecutionTopology;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.ExecutionStatus;
import io.stepstream.schemas.avro.HistoryEvent;
import io.stepstream.schemas.avro.TransitionBatch;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Timers already due when they are scheduled fire inline, in order, and never move the scan position back. */
class OverdueTimerTest extends DrivenEngineTest {
    private static final Duration TICK = Duration.ofMillis(100);

    @BeforeEach
    void onePunctuation() {
        engine.driver.advanceWallClockTime(TICK); // the scan position is now past T0
    }

    @Test
    void aStartReadAfterItsWaitWasDueCompletesWithoutThePunctuatorAndLeavesThePositionWhereItWas() {
        engine.deploy("w", """
                {"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":60,"Next":"B"},
                 "B":{"Type":"Wait","Seconds":30,"End":true}}}""");
        long before = position();

        String arn = engine.start("w", "late", "{}", T0.minusSeconds(120));

        List<Completion> completions = engine.completions.readValuesToList();
        assertEquals(List.of(arn), completions.stream().map(Completion::getExecutionId).toList());
        assertEquals(T0.minusSeconds(30), completions.get(0).getStopDate(), "each timer fired at its due time");
        assertEquals(before, position());
        assertEquals(List.of(T0.minusSeconds(30).plus(Duration.ofDays(90)).toEpochMilli()), dueTimes(),
                "only its retention timer is stored");
    }

    @Test
    void aLateChainFiresWhatIsDueAndStoresTheRestAtOrAfterThePosition() {
        engine.deploy("w", """
                {"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":10,"Next":"B"},
                 "B":{"Type":"Wait","Seconds":10,"Next":"C"},"C":{"Type":"Wait","Seconds":1000,"End":true}}}""");
        long before = position();

        engine.start("w", "late", "{}", T0.minusSeconds(100));

        assertEquals(before, position());
        assertEquals(List.of(T0.plusSeconds(920).toEpochMilli()), dueTimes(), "only C's timer is stored");
        assertTrue(engine.completions.isEmpty());
        engine.driver.advanceWallClockTime(Duration.ofSeconds(921));
        assertEquals(T0.plusSeconds(920), engine.completions.readValuesToList().get(0).getStopDate());
    }

    @Test
    void aLateLoopOfWaitsFiresUntilItsTimerIsNoLongerDue() {
        engine.deploy("loop", """
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"Next":"C"},"Done":{"Type":"Succeed"},
                 "C":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"Done"}],"Default":"W"}}}""");
        long before = position();

        engine.start("loop", "late", "{}", T0.minusSeconds(5));

        assertEquals(List.of(T0.plusSeconds(1).toEpochMilli()), dueTimes(), "the next timer is stored, not fired");
        assertTrue(engine.completions.isEmpty());
        assertEquals(before, position());
        assertEquals(5, engine.metrics.timersFired());
    }

    @Test
    void anEndlessLateLoopOfWaitsEndsAtTheHistoryLimit() {
        engine.deploy("loop", """
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"Next":"C"},"Done":{"Type":"Succeed"},
                 "C":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"Done"}],"Default":"W"}}}""");

        String arn = engine.start("loop", "late", "{}", T0.minus(Duration.ofDays(1)));

        Completion completion = engine.completions.readValuesToList().get(0);
        assertEquals(arn, completion.getExecutionId());
        assertEquals(ExecutionStatus.FAILED, completion.getStatus());
        assertEquals("States.Runtime", completion.getError());
        assertTrue(dueTimes().stream().allMatch(due -> due > T0.plusSeconds(1).toEpochMilli()),
                "only its retention timer is stored");
    }

    @Test
    void anEndlessLoopOfWaitZeroStatesEndsAtTheHistoryLimit() {
        engine.deploy("loop", """
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":0,"Next":"C"},"Done":{"Type":"Succeed"},
                 "C":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"Done"}],"Default":"W"}}}""");

        engine.start("loop", "now", "{}", T0);

        Completion completion = engine.completions.readValuesToList().get(0);
        assertEquals(ExecutionStatus.FAILED, completion.getStatus());
        assertEquals("States.Runtime", completion.getError());
    }

    @Test
    void aTimerDueWhenALatePunctuationFiresWaitsForTheExecutionsEarlierStoredTimers() {
        engine.deploy("p", """
                {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                 {"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":3,"End":true}}},
                 {"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":1,"Next":"C"},
                   "C":{"Type":"Wait","Seconds":5,"End":true}}}]}}}""");
        engine.start("p", "e", "{}", T0.plus(TICK));

        engine.driver.advanceWallClockTime(Duration.ofSeconds(20)); // B fires late; C is due at once, after A

        List<Instant> times = new ArrayList<>();
        for (TransitionBatch batch : engine.transitions.readValuesToList()) {
            batch.getEvents().stream().map(HistoryEvent::getTimestamp).forEach(times::add);
        }
        List<Instant> sorted = times.stream().sorted().toList();
        assertEquals(sorted, times, "events in virtual-clock order");
        assertEquals(T0.plus(TICK).plusSeconds(6), engine.completions.readValuesToList().get(0).getStopDate());
        assertEquals(3, engine.metrics.timersFired(), "A fired inline is not fired again from the punctuator's batch");
        assertEquals(0, engine.metrics.rejections());
    }

    private long position() {
        byte[] saved = timers().get(Bytes.wrap(new byte[] {'P'}));
        return saved == null ? 0 : ByteBuffer.wrap(saved).getLong();
    }

    /** The due times in the store's due-time index. */
    private List<Long> dueTimes() {
        List<Long> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = timers().range(Bytes.wrap(new byte[] {'T'}),
                Bytes.wrap(new byte[] {'U'}))) {
            it.forEachRemaining(kv -> due.add(ByteBuffer.wrap(kv.key.get(), 1, 8).getLong()));
        }
        return due;
    }

    private KeyValueStore<Bytes, byte[]> timers() {
        return engine.driver.getKeyValueStore(ExecutionTopology.TIMERS_STORE);
    }
}
