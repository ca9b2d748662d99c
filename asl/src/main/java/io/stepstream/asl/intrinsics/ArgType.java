package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;

/** The JSON type an intrinsic function requires of an argument. */
enum ArgType {
    ANY,
    STRING,
    /** Any JSON number; functions that need an integer round it first (AWS uses Math.round). */
    NUMBER,
    BOOLEAN,
    ARRAY,
    OBJECT;

    boolean accepts(JsonNode value) {
        return switch (this) {
            case ANY -> true;
            case STRING -> value.isTextual();
            case NUMBER -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
            case ARRAY -> value.isArray();
            case OBJECT -> value.isObject();
        };
    }
}
