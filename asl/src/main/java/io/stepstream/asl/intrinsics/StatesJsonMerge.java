package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;

/**
 * {@code States.JsonMerge(a, b, false)}: the fields of {@code a} then {@code b}, {@code b} winning;
 * nested objects are replaced, not merged. AWS supports only the shallow mode, so {@code true}
 * fails.
 */
final class StatesJsonMerge extends IntrinsicFunction {

    StatesJsonMerge() {
        super("States.JsonMerge", Signature.of(ArgType.OBJECT, ArgType.OBJECT, ArgType.BOOLEAN));
    }

    @Override
    JsonNode apply(Arguments args, Entropy entropy) {
        if (args.bool(2)) {
            throw invalidArguments();
        }
        ObjectNode merged = Json.NODES.objectNode();
        merged.setAll(args.object(0));
        merged.setAll(args.object(1));
        return merged;
    }
}
