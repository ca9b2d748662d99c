package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;

/** {@code States.Array(values...)}: the arguments as an array, in order. */
final class StatesArray extends IntrinsicFunction {

    StatesArray() {
        super("States.Array", Signature.variadic(ArgType.ANY));
    }

    @Override
    JsonNode apply(Arguments args, Entropy entropy) {
        ArrayNode array = Json.NODES.arrayNode(args.size());
        for (int i = 0; i < args.size(); i++) {
            array.add(args.get(i));
        }
        return array;
    }
}
