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

    /** UTF-8 byte length of the compact JSON text, for AWS's 256 KiB payload limit. */
    public static int byteSize(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Thrown when text is not JSON; the message is Jackson's, as AWS reports it. */
    public static final class InvalidJsonException extends RuntimeException {
        public InvalidJsonException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
