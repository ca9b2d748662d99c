package io.stepstream.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.intrinsics.IntrinsicSyntaxException;
import io.stepstream.asl.intrinsics.Intrinsics;
import io.stepstream.asl.path.InvalidPathException;
import io.stepstream.asl.path.Path;

/** Create-time checks of JSONPath-mode path fields, using the interpreter's own path compiler. */
final class PathRules {

    /** Whether {@code text} compiles as an ASL path ({@code $...}, {@code $$...} or {@code $var...}). */
    static boolean isPath(String text) {
        return compile(text) != null;
    }

    /**
     * Whether {@code text} is a Reference Path: a path naming a single node with field names and
     * indexes only. {@code context} allows {@code $$}, {@code variable} allows {@code $name}.
     */
    static boolean isReferencePath(String text, boolean context, boolean variable) {
        Path path = compile(text);
        if (path == null || path.referencePath() == null) {
            return false;
        }
        return switch (path.root()) {
            case DATA -> true;
            case CONTEXT -> context;
            case VARIABLE -> variable;
        };
    }

    /**
     * A path, or an intrinsic function call that parses. The intrinsic parser lands separately;
     * until it does, {@link Intrinsics#parse} throws UnsupportedOperationException and every call
     * that looks like one is accepted.
     */
    static boolean isPathOrIntrinsic(String text) {
        if (text.startsWith("$")) {
            return isPath(text);
        }
        if (!Intrinsics.isCall(text)) {
            return false;
        }
        try {
            Intrinsics.parse(text);
            return true;
        } catch (IntrinsicSyntaxException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            return true;
        }
    }

    /** InputPath, OutputPath and the like: null or any path. */
    static void nullablePath(JsonNode value, String field, String location, Diagnostics out) {
        if (value.isNull()) {
            return;
        }
        if (!value.isTextual()) {
            out.expectedType("STRING", location);
        } else if (!isPath(value.asText())) {
            out.schema("The value for the field '" + field + "' must be a valid JSONPath", location);
        }
    }

    /** A field that must hold a Reference Path (AWS: "Value is not a Reference Path"). */
    static void referencePath(JsonNode value, String location, boolean context, boolean variable,
                              Diagnostics out) {
        if (!value.isTextual()) {
            out.expectedType("STRING", location);
        } else if (!isReferencePath(value.asText(), context, variable)) {
            out.schema("Value is not a Reference Path", location);
        }
    }

    /** ErrorPath and CausePath: a reference path (context and variables allowed) or an intrinsic. */
    static void referencePathOrIntrinsic(JsonNode value, String field, String location, Diagnostics out) {
        if (!value.isTextual()) {
            out.expectedType("STRING", location);
            return;
        }
        String text = value.asText();
        boolean valid = text.startsWith("$") ? isReferencePath(text, true, true) : isPathOrIntrinsic(text);
        if (!valid) {
            out.schema("The value for the field '" + field
                    + "' must be a valid JSONPath or a valid intrinsic function call", location);
        }
    }

    private static Path compile(String text) {
        try {
            return Path.compile(text);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private PathRules() {}
}
