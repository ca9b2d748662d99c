package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;
import java.util.Random;

/**
 * {@code States.MathRandom(start, end[, seed])}: an integer with start <= n < end. With a seed the
 * value is {@code java.util.Random(seed)}'s, so the same seed gives the same number; without one
 * it comes from the execution's entropy, so a replay gives the same number too.
 */
final class StatesMathRandom extends IntrinsicFunction {

    StatesMathRandom() {
        super("States.MathRandom", Signature.of(ArgType.NUMBER, ArgType.NUMBER).withOptional(ArgType.NUMBER));
    }

    @Override
    JsonNode apply(Arguments args, Entropy entropy) {
        int start = args.integer(0);
        int end = args.integer(1);
        if (start >= end) {
            throw invalidArguments();
        }
        long bound = (long) end - start;
        long offset = args.size() > 2 ? seeded(args.longValue(2), bound) : Math.floorMod(entropy.nextLong(), bound);
        return Json.NODES.numberNode((int) (start + offset));
    }

    private static long seeded(long seed, long bound) {
        Random random = new Random(seed);
        return bound <= Integer.MAX_VALUE ? random.nextInt((int) bound) : Math.floorMod(random.nextLong(), bound);
    }
}
