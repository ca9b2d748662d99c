package io.stepstream.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stepstream.runtime.replay.ExecutionResult.Verdict;
import io.stepstream.schemas.avro.HistoryEvent;
import io.stepstream.schemas.avro.TransitionBatch;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MATCH, DIFFERENT with the first differing event, INCOMPLETE. */
class HistoryComparisonTest {
    private static HistoryEvent event(long id, String type, String details) {
        return new HistoryEvent(id, id - 1, type, Instant.ofEpochMilli(1000), details);
    }

    private static TransitionBatch batch(HistoryEvent... events) {
        return new TransitionBatch("arn", List.of(events));
    }

    private static final TransitionBatch START = batch(event(1, "ExecutionStarted", "{}"),
            event(2, "PassStateEntered", "{\"name\":\"A\"}"));

    @Test
    void reportsTheFirstDifferingEventWithBothSides() {
        ExecutionResult result = HistoryComparison.compare("arn",
                List.of(START, batch(event(3, "PassStateExited", "{\"output\":\"1\"}"))), null,
                List.of(START, batch(event(3, "PassStateExited", "{\"output\":\"2\"}"))), null);

        assertEquals(Verdict.DIFFERENT, result.verdict());
        assertEquals(3, result.eventId());
        assertEquals("PassStateExited", result.recorded());
        assertEquals("event 3 PassStateExited details: recorded {\"output\":\"1\"}, replayed {\"output\":\"2\"}",
                result.detail());
    }

    @Test
    void callsAHistoryThatStopsShortWithoutEndingIncomplete() {
        ExecutionResult result = HistoryComparison.compare("arn",
                List.of(START, batch(event(3, "ExecutionSucceeded", "{}"))), null, List.of(START), null);

        assertEquals(Verdict.INCOMPLETE, result.verdict());
        assertEquals("ExecutionSucceeded", result.recorded());
        assertEquals("nothing", result.replayed());
    }

    @Test
    void matchesEqualBatches() {
        assertEquals(Verdict.MATCH, HistoryComparison.compare("arn", List.of(START), null, List.of(START), null)
                .verdict());
    }
}
