package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;

/** {@code States.ArrayLength(array)}. */
final class StatesArrayLength extends IntrinsicFunction {

    StatesArrayLength() {
        super("States.ArrayLength", Signature.of(ArgType.ARRAY));
    }

    @Override
    JsonNode apply(Arguments args, Entropy entropy) {
        return Json.NODES.numberNode(args.array(0).size());
    }
}
