package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;

/** {@code States.ArrayContains(array, value)}: whether an element deeply equals {@code value}. */
final class StatesArrayContains extends IntrinsicFunction {

    StatesArrayContains() {
        super("States.ArrayContains", Signature.of(ArgType.ARRAY, ArgType.ANY));
    }

    @Override
    JsonNode apply(Arguments args, Entropy entropy) {
        JsonNode wanted = args.get(1);
        for (JsonNode element : args.array(0)) {
            if (JsonEquality.equal(element, wanted)) {
                return Json.NODES.booleanNode(true);
            }
        }
        return Json.NODES.booleanNode(false);
    }
}
