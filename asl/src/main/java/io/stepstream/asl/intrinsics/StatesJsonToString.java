package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;

/** {@code States.JsonToString(value)}: compact JSON text, no spaces ({@code {"a":1}}). */
final class StatesJsonToString extends IntrinsicFunction {

    StatesJsonToString() {
        super("States.JsonToString", Signature.of(ArgType.ANY));
    }

    @Override
    JsonNode apply(Arguments args, Entropy entropy) {
        return Json.NODES.textNode(Json.write(args.get(0)));
    }
}
