package io.stepstream.asl.intrinsics;

import io.stepstream.asl.eval.Entropy;
import java.util.UUID;

/** Test entropy: a fixed UUID and a fixed long, and a count of how often each was drawn. */
public final class FixedEntropy implements Entropy {

    public static final UUID UUID_VALUE = UUID.fromString("3f2504e0-4f89-41d3-9a0c-0305e82c3301");

    private final long nextLong;
    private int uuids;
    private int longs;

    public FixedEntropy(long nextLong) {
        this.nextLong = nextLong;
    }

    public FixedEntropy() {
        this(0);
    }

    @Override
    public UUID uuid() {
        uuids++;
        return UUID_VALUE;
    }

    @Override
    public long nextLong() {
        longs++;
        return nextLong;
    }

    public int uuidsDrawn() {
        return uuids;
    }

    public int longsDrawn() {
        return longs;
    }
}
