package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * {@code States.Hash(data, algorithm)}: lowercase hex digest of the UTF-8 data (a non-string is
 * hashed as its JSON text), at most 10,000 characters; the algorithm names are Java's.
 */
final class StatesHash extends IntrinsicFunction {

    private static final Set<String> ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    StatesHash() {
        super("States.Hash", Signature.of(ArgType.ANY, ArgType.STRING));
    }

    @Override
    JsonNode apply(Arguments args, Entropy entropy) {
        JsonNode data = args.get(0);
        String text = data.isTextual() ? data.textValue() : Json.write(data);
        String algorithm = args.text(1);
        if (text.length() > StatesBase64Encode.MAX_INPUT_CHARS || !ALGORITHMS.contains(algorithm)) {
            throw invalidArguments();
        }
        return Json.NODES.textNode(HexFormat.of().formatHex(digest(algorithm).digest(text.getBytes(StandardCharsets.UTF_8))));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides " + algorithm, e);
        }
    }
}
