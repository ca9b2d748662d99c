package io.stepstream.asl.model;

import java.util.List;

/**
 * One element of a state's Retry array.
 *
 * @param maxDelaySeconds null when unlimited
 */
public record Retrier(List<String> errorEquals, long intervalSeconds, int maxAttempts, double backoffRate,
                      Long maxDelaySeconds, JitterStrategy jitterStrategy) {

    public Retrier {
        errorEquals = List.copyOf(errorEquals);
    }

    /** How the delay before a retry is randomised. */
    public enum JitterStrategy { NONE, FULL }
}
