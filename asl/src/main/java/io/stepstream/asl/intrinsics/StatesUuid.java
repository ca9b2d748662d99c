package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;

/** {@code States.UUID()}: a version 4 UUID from the execution's entropy. */
final class StatesUuid extends IntrinsicFunction {

    StatesUuid() {
        super("States.UUID", Signature.of());
    }

    @Override
    JsonNode apply(Arguments args, Entropy entropy) {
        return Json.NODES.textNode(entropy.uuid().toString());
    }
}
