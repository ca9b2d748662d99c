package io.stepstream.asl.choice;

import static java.time.temporal.ChronoField.DAY_OF_MONTH;
import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.MONTH_OF_YEAR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;
import static java.time.temporal.ChronoField.YEAR;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * RFC3339 date-times as the Choice state's Timestamp operators accept them:
 * {@code 2016-03-14T01:59:00Z}, with an upper-case {@code T}, seconds, an optional fraction and
 * {@code Z} or a {@code +hh:mm} offset. A date alone, a missing offset or a space instead of the
 * {@code T} is no timestamp.
 */
final class Rfc3339 {

    // ISO_OFFSET_DATE_TIME would also take "19:00" without seconds and "+01" without minutes.
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendValue(YEAR, 4).appendLiteral('-')
            .appendValue(MONTH_OF_YEAR, 2).appendLiteral('-')
            .appendValue(DAY_OF_MONTH, 2).appendLiteral('T')
            .appendValue(HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter(Locale.ROOT)
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);

    private Rfc3339() {}

    /** The instant {@code text} names, or null when it is not an RFC3339 timestamp. */
    static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text, FORMAT).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
