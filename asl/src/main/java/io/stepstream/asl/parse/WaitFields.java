package io.stepstream.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.model.Evaluable;
import io.stepstream.asl.path.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Compiles a Wait state's Seconds, SecondsPath, Timestamp or TimestampPath into its due time. */
final class WaitFields {
    /** AWS accepts delays up to 2^31 seconds (about 24,855 days). */
    private static final long MAX_DELAY_MILLIS = (long) Integer.MAX_VALUE * 1000L;

    private WaitFields() {}

    static Evaluable<Long> seconds(long seconds) {
        return (data, env) -> checked(env.nowMillis(), env.nowMillis() + seconds * 1000);
    }

    static Evaluable<Long> timestamp(String text) {
        long due = parseTimestamp(text);
        return (data, env) -> checked(env.nowMillis(), due);
    }

    static Evaluable<Long> secondsPath(String pathText) {
        Path path = Path.compile(pathText);
        return (data, env) -> {
            JsonNode v = path.select(env.bindings(data));
            if (v == null) {
                throw AslException.runtime("The SecondsPath parameter does not reference an input value: " + pathText);
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw AslException.runtime("The SecondsPath parameter cannot be parsed as a long value: " + pathText
                        + " == " + JsonPathFields.display(v));
            }
            if (v.asLong() < 0) {
                throw AslException.runtime("The SecondsPath parameter references a negative value: " + pathText
                        + " == " + v.asLong());
            }
            return checked(env.nowMillis(), env.nowMillis() + v.asLong() * 1000);
        };
    }

    static Evaluable<Long> timestampPath(String pathText) {
        Path path = Path.compile(pathText);
        return (data, env) -> {
            JsonNode v = path.select(env.bindings(data));
            if (v == null) {
                throw AslException.runtime("The TimestampPath parameter does not reference an input value: " + pathText);
            }
            try {
                if (!v.isTextual()) {
                    throw new DateTimeParseException("not a string", JsonPathFields.display(v), 0);
                }
                return checked(env.nowMillis(), parseTimestamp(v.asText()));
            } catch (DateTimeParseException e) {
                throw AslException.runtime("The TimestampPath parameter does not reference a valid ISO-8601 extended "
                        + "offset date-time format string: " + pathText + " == " + JsonPathFields.display(v));
            }
        };
    }

    /** Epoch millis of an RFC 3339 timestamp (uppercase T, zone required). */
    static long parseTimestamp(String text) {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
    }

    static long checked(long now, long due) {
        if (due - now > MAX_DELAY_MILLIS) {
            throw AslException.runtime("Wait state delay is too long.");
        }
        return due;
    }
}
