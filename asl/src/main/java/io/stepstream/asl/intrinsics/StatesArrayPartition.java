package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;

/** {@code States.ArrayPartition(array, size)}: chunks of {@code size}, the last one shorter. */
final class StatesArrayPartition extends IntrinsicFunction {

    StatesArrayPartition() {
        super("States.ArrayPartition", Signature.of(ArgType.ARRAY, ArgType.NUMBER));
    }

    @Override
    JsonNode apply(Arguments args, Entropy entropy) {
        ArrayNode array = args.array(0);
        int size = args.integer(1);
        if (size <= 0) {
            throw invalidArguments();
        }
        ArrayNode chunks = Json.NODES.arrayNode();
        ArrayNode chunk = null;
        for (int i = 0; i < array.size(); i++) {
            if (i % size == 0) {
                chunk = chunks.addArray();
            }
            chunk.add(array.get(i));
        }
        return chunks;
    }
}
