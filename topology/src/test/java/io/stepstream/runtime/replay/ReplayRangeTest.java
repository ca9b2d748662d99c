package io.stepstream.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.runtime.replay.ReplayRange.Position;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The positions `--from` and `--to` accept. */
class ReplayRangeTest {

    @Test
    void readsTimestampsDatesAndEpochMillis() {
        assertEquals(new Position.At(Instant.parse("2026-11-20T10:00:00Z")), ReplayRange.parse("2026-11-20T10:00:00Z"));
        assertEquals(new Position.At(Instant.parse("2026-11-20T09:00:00Z")),
                ReplayRange.parse("2026-11-20T10:00:00+01:00"));
        assertEquals(new Position.At(Instant.parse("2026-11-20T00:00:00Z")), ReplayRange.parse("2026-11-20"));
        assertEquals(new Position.At(Instant.ofEpochMilli(1763632800000L)), ReplayRange.parse("1763632800000"));
    }

    @Test
    void readsPartitionOffsetPairs() {
        assertEquals(new Position.Offsets(Map.of(0, 120L, 1, 98L)), ReplayRange.parse("0:120,1:98"));
    }

    @Test
    void explainsTheAcceptedFormsWhenNoneFits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplayRange.parse("yesterday"));
        assertTrue(e.getMessage().contains("partition:offset"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReplayRange.parse("0:1,0:2"));
    }
}
