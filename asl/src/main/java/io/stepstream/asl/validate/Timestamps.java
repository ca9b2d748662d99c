package io.stepstream.asl.validate;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 3339 timestamps as AWS checks Wait {@code Timestamp} and Choice timestamp literals:
 * upper-case {@code T}, seconds required, optional fraction, {@code Z} or a numeric offset, and a
 * real calendar date and time ({@code 2016-13-05T...} is rejected).
 */
final class Timestamps {

    static final String MISMATCH = "String does not match RFC3339 timestamp";

    private static final Pattern RFC3339 = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d{1,9})?(Z|[+-](\\d{2}):(\\d{2}))");

    static boolean isRfc3339(String text) {
        Matcher m = RFC3339.matcher(text);
        if (!m.matches()) {
            return false;
        }
        try {
            LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
            if (m.group(9) != null) {
                LocalTime.of(Integer.parseInt(m.group(9)), Integer.parseInt(m.group(10)));
            }
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private Timestamps() {}
}
