package io.stepstream.asl.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.UncheckedIOException;

/** The one Jackson mapper of the project and the JSON helpers every package shares. */
public final class Json {

    /** Thread-safe once configured; never reconfigure it. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    /** Parses JSON text. Throws {@link InvalidJsonException} with Jackson's message on bad input. */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException(e.getOriginalMessage(), e);
        }
    }

    /** Compact JSON text, the form AWS uses in history events and error causes. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * UTF-8 byte length of the compact JSON text {@link #write} would produce, for AWS's 256 KiB
     * payload limit. Counted by walking the tree: serialising just to count was a tenth of the
     * interpreter's time.
     */
    public static int byteSize(JsonNode node) {
        return (int) Math.min(Integer.MAX_VALUE, size(node));
    }

    private static long size(JsonNode node) {
        if (node.isObject()) {
            long n = 2 + Math.max(0, node.size() - 1);
            for (var e : node.properties()) {
                n += quoted(e.getKey()) + 1 + size(e.getValue());
            }
            return n;
        }
        if (node.isArray()) {
            long n = 2 + Math.max(0, node.size() - 1);
            for (JsonNode v : node) {
                n += size(v);
            }
            return n;
        }
        if (node.isTextual()) {
            return quoted(node.textValue());
        }
        return node.asText().length();
    }

    private static long quoted(String s) {
        long n = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                n += 2;
            } else if (c < 0x20) {
                n += (c == '\n' || c == '\t' || c == '\r' || c == '\b' || c == '\f') ? 2 : 6;
            } else if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Thrown when text is not JSON; the message is Jackson's, as AWS reports it. */
    public static final class InvalidJsonException extends RuntimeException {
        public InvalidJsonException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
