package io.stepstream.runtime.replay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which StartExecution commands a replay selects: those at or after {@code from} and before
 * {@code to} (null: up to the end of the commands topic).
 */
public record ReplayRange(Position from, Position to) {

    public ReplayRange {
        Objects.requireNonNull(from, "from");
    }

    /** A point in the commands topic: a record timestamp, or an offset per partition. */
    public sealed interface Position {
        /** Every partition, at the first record whose timestamp is at or after {@code time}. */
        record At(Instant time) implements Position {}

        /** The listed partitions at these offsets. */
        record Offsets(Map<Integer, Long> offsets) implements Position {
            public Offsets {
                offsets = Map.copyOf(offsets);
            }
        }
    }

    private static final Pattern OFFSETS = Pattern.compile("\\d+:\\d+(,\\d+:\\d+)*");
    private static final Pattern MILLIS = Pattern.compile("\\d{10,}");

    /**
     * Reads {@code 2026-11-20T10:00:00Z}, {@code 2026-11-20T10:00:00+01:00}, {@code 2026-11-20}
     * (midnight UTC), epoch milliseconds, or {@code partition:offset,...}.
     *
     * @throws IllegalArgumentException with the accepted forms when none fits
     */
    public static Position parse(String text) {
        String t = text.strip();
        if (OFFSETS.matcher(t).matches()) {
            Map<Integer, Long> offsets = new TreeMap<>();
            for (String part : t.split(",")) {
                int colon = part.indexOf(':');
                if (offsets.put(Integer.parseInt(part.substring(0, colon)),
                        Long.parseLong(part.substring(colon + 1))) != null) {
                    throw new IllegalArgumentException("Partition " + part.substring(0, colon) + " is listed twice in '"
                            + text + "'");
                }
            }
            return new Position.Offsets(offsets);
        }
        if (MILLIS.matcher(t).matches()) {
            return new Position.At(Instant.ofEpochMilli(Long.parseLong(t)));
        }
        try {
            return new Position.At(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException notADateTime) {
            try {
                return new Position.At(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException notADate) {
                throw new IllegalArgumentException("Cannot read '" + text + "' as a position: use a timestamp"
                        + " (2026-11-20T10:00:00Z, 2026-11-20, epoch milliseconds) or partition:offset pairs (0:120,1:98)");
            }
        }
    }
}
