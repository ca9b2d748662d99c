package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;

/**
 * {@code States.ArrayRange(first, last, step)}: first, first + step, ... up to last inclusive;
 * AWS caps the result at 1000 items and rejects a zero step.
 */
final class StatesArrayRange extends IntrinsicFunction {

    static final int MAX_ITEMS = 1000;

    StatesArrayRange() {
        super("States.ArrayRange", Signature.of(ArgType.NUMBER, ArgType.NUMBER, ArgType.NUMBER));
    }

    @Override
    JsonNode apply(Arguments args, Entropy entropy) {
        long first = args.integer(0);
        long last = args.integer(1);
        long step = args.integer(2);
        if (step == 0) {
            throw invalidArguments();
        }
        long count = (step > 0 ? first > last : first < last) ? 0 : (last - first) / step + 1;
        if (count > MAX_ITEMS) {
            throw invalidArguments();
        }
        ArrayNode range = Json.NODES.arrayNode((int) count);
        for (long i = 0; i < count; i++) {
            range.add((int) (first + i * step));
        }
        return range;
    }
}
