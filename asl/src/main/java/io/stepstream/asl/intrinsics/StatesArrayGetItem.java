package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.stepstream.asl.eval.Entropy;

/** {@code States.ArrayGetItem(array, index)}: the element at a 0-based index. */
final class StatesArrayGetItem extends IntrinsicFunction {

    StatesArrayGetItem() {
        super("States.ArrayGetItem", Signature.of(ArgType.ARRAY, ArgType.NUMBER));
    }

    @Override
    JsonNode apply(Arguments args, Entropy entropy) {
        ArrayNode array = args.array(0);
        int index = args.integer(1);
        if (index < 0 || index >= array.size()) {
            throw invalidArguments();
        }
        return array.get(index);
    }
}
