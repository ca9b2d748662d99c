package io.stepstream.asl.eval;

import java.util.UUID;

/**
 * The only source of "random" values in the interpreter ({@code States.UUID},
 * {@code States.MathRandom}, JSONata {@code $uuid()} and {@code $random()}). Implementations derive
 * every value from the execution id and its transition sequence, so replaying the same commands
 * gives the same values.
 */
public interface Entropy {

    /** A version 4 UUID. */
    UUID uuid();

    /** 64 uniformly distributed bits. */
    long nextLong();
}
