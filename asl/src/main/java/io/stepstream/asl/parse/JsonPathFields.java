package io.stepstream.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.intrinsics.IntrinsicCall;
import io.stepstream.asl.intrinsics.Intrinsics;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.Evaluable;
import io.stepstream.asl.path.Path;

/**
 * Compiles the JSONPath forms of dynamic fields ({@code SecondsPath}, {@code MaxConcurrencyPath},
 * {@code ErrorPath}...) into {@link Evaluable}s that fail with AWS's own messages.
 */
final class JsonPathFields {
    private JsonPathFields() {}

    /** A {@code ...Path} field naming an integer, as MaxConcurrencyPath and friends read it. */
    static Evaluable<Long> integerPath(String field, String pathText) {
        Path path = Path.compile(pathText);
        return (data, env) -> {
            JsonNode v = path.select(env.bindings(data));
            if (v == null) {
                throw AslException.runtime("Invalid path '" + pathText + "' : " + path.explainMiss(env.bindings(data)));
            }
            Long value = integer(v);
            if (value == null) {
                throw AslException.runtime("The " + field + " field refers to value \"" + display(v)
                        + "\" which is not a valid integer: " + pathText);
            }
            return value;
        };
    }

    /** A {@code ...Path} field naming a float (ToleratedFailurePercentagePath). */
    static Evaluable<Double> floatPath(String field, String pathText) {
        Path path = Path.compile(pathText);
        return (data, env) -> {
            JsonNode v = path.select(env.bindings(data));
            if (v == null) {
                throw AslException.runtime("Invalid path '" + pathText + "' : " + path.explainMiss(env.bindings(data)));
            }
            if (v.isNumber()) {
                return v.asDouble();
            }
            try {
                if (v.isTextual()) {
                    return Double.parseDouble(v.asText().trim());
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw AslException.runtime("The " + field + " field refers to value \"" + display(v)
                    + "\" which is not a valid float: " + pathText);
        };
    }

    /** TimeoutSecondsPath / HeartbeatSecondsPath: a positive integer in the state input. */
    static Evaluable<Long> secondsPath(String pathText) {
        Path path = Path.compile(pathText);
        return (data, env) -> {
            JsonNode v = path.select(env.bindings(data));
            if (v == null) {
                throw AslException.runtime("Invalid path '" + pathText + "' : " + path.explainMiss(env.bindings(data)));
            }
            if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() <= 0) {
                throw AslException.runtime("The value of the path '" + pathText + "' must be a positive integer: "
                        + display(v));
            }
            return v.asLong();
        };
    }

    /** ErrorPath / CausePath: a path or an intrinsic function whose value becomes a string. */
    static Evaluable<String> stringPath(String field, String text) {
        if (Intrinsics.isCall(text)) {
            IntrinsicCall call = Intrinsics.parse(text);
            return (data, env) -> display(call.evaluate(env.bindings(data), env.entropy()));
        }
        Path path = Path.compile(text);
        return (data, env) -> {
            JsonNode v = path.select(env.bindings(data));
            if (v == null) {
                throw AslException.runtime("The JSONPath '" + text + "' specified for the field '" + field
                        + "' could not be found in the input '" + Json.write(data) + "'");
            }
            return display(v);
        };
    }

    /** An integer, or a string holding one (AWS accepts both); null otherwise. */
    private static Long integer(JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A value as AWS quotes it in messages: strings bare, everything else as JSON. */
    static String display(JsonNode v) {
        return v.isTextual() ? v.asText() : Json.write(v);
    }
}
