package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;

/** {@code States.StringToJson(text)}: parses JSON text; blank text gives null, as on AWS. */
final class StatesStringToJson extends IntrinsicFunction {

    StatesStringToJson() {
        super("States.StringToJson", Signature.of(ArgType.STRING));
    }

    @Override
    JsonNode apply(Arguments args, Entropy entropy) {
        String text = args.text(0);
        if (text.isBlank()) {
            return Json.NODES.nullNode();
        }
        try {
            return Json.parse(text);
        } catch (Json.InvalidJsonException e) {
            throw invalidArguments();
        }
    }
}
