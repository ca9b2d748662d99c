package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code States.Base64Encode(text)}: base64 of the UTF-8 bytes, unwrapped; input at most 10,000 characters. */
final class StatesBase64Encode extends IntrinsicFunction {

    static final int MAX_INPUT_CHARS = 10_000;

    StatesBase64Encode() {
        super("States.Base64Encode", Signature.of(ArgType.STRING));
    }

    @Override
    JsonNode apply(Arguments args, Entropy entropy) {
        String text = args.text(0);
        if (text.length() > MAX_INPUT_CHARS) {
            throw invalidArguments();
        }
        return Json.NODES.textNode(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }
}
