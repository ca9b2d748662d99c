package io.stepstream.asl.jsonata;

import java.time.Duration;
import java.util.Objects;

/**
 * How far one JSONata evaluation may go before the state fails with
 * {@code States.QueryEvaluationError}. The defaults are AWS's measured bounds (see
 * {@link #AWS}); a runaway expression ends with a clear error, never a hung thread, a
 * {@link StackOverflowError} or an {@link OutOfMemoryError}.
 *
 * @param maxTime wall time of one expression; a watchdog that only decides whether a runaway
 *     evaluation is cut, never part of any value. Never null, positive.
 * @param maxDepth nesting depth of the evaluation, counted as the library's Timebox counts it
 * @param maxValueBytes size of any one value an expression builds, counting a number as eight
 *     bytes and a character as one; also bounds the JSON built from the result
 * @param maxTotalBytes the same measure summed over every array, object and string the
 *     evaluation builds; not an AWS bound, it keeps many values below {@code maxValueBytes}
 *     (a {@code $map} returning large arrays) from exhausting the heap together
 */
public record EvaluationBudget(Duration maxTime, int maxDepth, long maxValueBytes, long maxTotalBytes) {

    /**
     * AWS's bounds: depth 100 (AWS accepts {@code 1+1+...+1} with 100 terms and refuses 101,
     * failing with {@code Depth=101 max=100}); 6,990,256 bytes per value (AWS accepts
     * {@code [1..873782]} and refuses one element more, accepts a 2^22-character string and
     * refuses 2^23); five seconds, the library's own default. The total is sixteen values' worth.
     */
    public static final EvaluationBudget AWS =
            new EvaluationBudget(Duration.ofSeconds(5), 100, 6_990_256L, 16 * 6_990_256L);

    /** Largest array {@code $range} builds: AWS accepts {@code $range(1, 360145, 1)} and refuses one more. */
    static final int MAX_RANGE_ELEMENTS = 360_145;

    public EvaluationBudget {
        Objects.requireNonNull(maxTime, "maxTime");
        if (maxTime.isNegative() || maxTime.isZero()) {
            throw new IllegalArgumentException("maxTime must be positive: " + maxTime);
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be positive: " + maxDepth);
        }
        if (maxValueBytes < 1) {
            throw new IllegalArgumentException("maxValueBytes must be positive: " + maxValueBytes);
        }
        if (maxTotalBytes < maxValueBytes) {
            throw new IllegalArgumentException("maxTotalBytes must be at least maxValueBytes: " + maxTotalBytes);
        }
    }
}
