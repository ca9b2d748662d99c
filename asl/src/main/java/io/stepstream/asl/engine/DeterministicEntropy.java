package io.stepstream.asl.engine;

import io.stepstream.asl.eval.Entropy;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Entropy derived from the execution id and its transition sequence (SplitMix64), so the same
 * commands replay to the same UUIDs and random numbers. A runtime that needs unguessable task
 * tokens mixes a secret into the seed.
 */
final class DeterministicEntropy implements Entropy {
    private long state;

    DeterministicEntropy(String executionArn, long sequence, long secret) {
        long h = 0xcbf29ce484222325L;
        for (byte b : executionArn.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001b3L;
        }
        this.state = h ^ secret ^ (sequence * 0x9E3779B97F4A7C15L);
    }

    @Override
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public UUID uuid() {
        long msb = (nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
