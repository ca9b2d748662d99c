package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code States.Base64Decode(text)}: the UTF-8 text of base64 data of at most 10,000 characters. */
final class StatesBase64Decode extends IntrinsicFunction {

    StatesBase64Decode() {
        super("States.Base64Decode", Signature.of(ArgType.STRING));
    }

    @Override
    JsonNode apply(Arguments args, Entropy entropy) {
        String text = args.text(0);
        if (text.length() > StatesBase64Encode.MAX_INPUT_CHARS) {
            throw invalidArguments();
        }
        try {
            return Json.NODES.textNode(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw invalidArguments();
        }
    }
}
