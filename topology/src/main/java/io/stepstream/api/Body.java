package io.stepstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;

/** A request body: typed reads of its members, with AWS's ValidationException for what is missing or mistyped. */
record Body(JsonNode json) {

    static Body parse(byte[] bytes) {
        if (bytes.length == 0) {
            return new Body(Json.NODES.objectNode());
        }
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node instanceof ObjectNode) {
                return new Body(node);
            }
        } catch (java.io.IOException e) {
            // answered below
        }
        throw ApiException.frontEnd("SerializationException", "The request body is not a JSON object", 400);
    }

    String required(String field) {
        String value = text(field);
        if (value == null) {
            throw ApiException.missing(field);
        }
        return value;
    }

    /** The member as text, or null when absent or null. */
    String text(String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.frontEnd("SerializationException", "Expected a string for '" + field + "'", 400);
        }
        return v.asText();
    }

    String text(String field, String otherwise) {
        String v = text(field);
        return v == null ? otherwise : v;
    }

    boolean bool(String field, boolean otherwise) {
        JsonNode v = json.get(field);
        return v == null || v.isNull() ? otherwise : v.asBoolean();
    }

    int integer(String field, int otherwise) {
        JsonNode v = json.get(field);
        return v == null || v.isNull() ? otherwise : v.asInt();
    }

    JsonNode node(String field) {
        JsonNode v = json.get(field);
        return v == null || v.isNull() ? null : v;
    }
}
