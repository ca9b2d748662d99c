package io.stepstream.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.eval.Bindings;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.intrinsics.IntrinsicCall;
import io.stepstream.asl.intrinsics.IntrinsicSyntaxException;
import io.stepstream.asl.intrinsics.Intrinsics;
import io.stepstream.asl.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A compiled JSONPath-mode payload template (Parameters, ResultSelector, ItemSelector, Assign,
 * BatchInput, Credentials). A key ending in {@code .$}, at any depth and inside arrays, loses the
 * suffix and its value is evaluated: {@code $...} on the data, {@code $$...} on the context object,
 * {@code $name...} on a variable, anything else as an intrinsic call. Every other key and value is
 * literal, including strings that start with {@code $}. Immutable and thread-safe.
 */
public final class PayloadTemplate {

    private final Node root;

    private PayloadTemplate(Node root) {
        this.root = root;
    }

    /**
     * Compiles {@code template} (any JSON value; never null). Throws {@link InvalidPathException}
     * when a {@code .$} value is neither a valid path nor a valid intrinsic call (its message is
     * AWS's: "The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function
     * call"; the cause, when there is one, says what is wrong), or when two keys of an object are
     * the same once {@code .$} is removed.
     */
    public static PayloadTemplate compile(JsonNode template) {
        Objects.requireNonNull(template, "template");
        return new PayloadTemplate(compileNode(template));
    }

    /**
     * The template's value for these bindings. Never null. A template without any {@code .$} key
     * returns the same template node every time; results may share nodes with the template and the
     * bindings and must be treated as read-only. A path that selects nothing, or a failing
     * intrinsic call, throws {@link AslException} with {@code States.Runtime} and AWS's cause
     * (without the "An error occurred while executing the state ..." prefix the engine adds).
     */
    public JsonNode evaluate(Bindings bindings, Entropy entropy) {
        return root.evaluate(bindings, entropy);
    }

    private static Node compileNode(JsonNode node) {
        Node compiled;
        if (node.isObject()) {
            compiled = compileObject(node);
        } else if (node.isArray()) {
            compiled = compileArray(node);
        } else {
            compiled = null;
        }
        return compiled != null ? compiled : new Constant(node);
    }

    /** Null when nothing in the object is evaluated, so the caller keeps the node as it is. */
    private static Node compileObject(JsonNode object) {
        List<Field> fields = new ArrayList<>(object.size());
        Set<String> names = new HashSet<>();
        boolean dynamic = false;
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String key = entry.getKey();
            Field field = key.endsWith(".$")
                    ? new Field(key.substring(0, key.length() - 2), compileExpression(key, entry.getValue()))
                    : new Field(key, compileNode(entry.getValue()));
            if (!names.add(field.name())) {
                throw new InvalidPathException("The field '" + field.name() + "' appears twice once the"
                        + " '.$' suffix is removed");
            }
            dynamic |= !(field.value() instanceof Constant);
            fields.add(field);
        }
        return dynamic ? new ObjectTemplate(fields) : null;
    }

    private static Node compileArray(JsonNode array) {
        List<Node> elements = new ArrayList<>(array.size());
        boolean dynamic = false;
        for (JsonNode element : array) {
            Node compiled = compileNode(element);
            dynamic |= !(compiled instanceof Constant);
            elements.add(compiled);
        }
        return dynamic ? new ArrayTemplate(elements) : null;
    }

    private static Node compileExpression(String key, JsonNode value) {
        String text = value.isTextual() ? value.textValue() : null;
        try {
            if (text != null && text.startsWith("$")) {
                return new PathValue(key, Path.compile(text));
            }
            if (Intrinsics.isCall(text)) {
                return new CallValue(Intrinsics.parse(text));
            }
        } catch (InvalidPathException | IntrinsicSyntaxException e) {
            throw invalidExpression(key, e);
        }
        throw invalidExpression(key, null);
    }

    private static InvalidPathException invalidExpression(String key, RuntimeException cause) {
        InvalidPathException e = new InvalidPathException("The value for the field '" + key
                + "' must be a valid JSONPath or a valid intrinsic function call");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private sealed interface Node permits Constant, ObjectTemplate, ArrayTemplate, PathValue, CallValue {
        JsonNode evaluate(Bindings bindings, Entropy entropy);
    }

    /** A part of the template without any {@code .$}: returned as is, never copied. */
    private record Constant(JsonNode value) implements Node {
        @Override
        public JsonNode evaluate(Bindings bindings, Entropy entropy) {
            return value;
        }
    }

    private record Field(String name, Node value) {}

    private record ObjectTemplate(List<Field> fields) implements Node {
        ObjectTemplate {
            fields = List.copyOf(fields);
        }

        @Override
        public JsonNode evaluate(Bindings bindings, Entropy entropy) {
            ObjectNode out = Json.NODES.objectNode();
            for (Field field : fields) {
                out.set(field.name(), field.value().evaluate(bindings, entropy));
            }
            return out;
        }
    }

    private record ArrayTemplate(List<Node> elements) implements Node {
        ArrayTemplate {
            elements = List.copyOf(elements);
        }

        @Override
        public JsonNode evaluate(Bindings bindings, Entropy entropy) {
            ArrayNode out = Json.NODES.arrayNode(elements.size());
            for (Node element : elements) {
                out.add(element.evaluate(bindings, entropy));
            }
            return out;
        }
    }

    /** {@code "key.$": "$..."}; {@code key} keeps its suffix because AWS's message quotes it so. */
    private record PathValue(String key, Path path) implements Node {
        @Override
        public JsonNode evaluate(Bindings bindings, Entropy entropy) {
            JsonNode value = path.select(bindings);
            if (value == null) {
                throw AslException.runtime("The JSONPath '" + path.text() + "' specified for the field '"
                        + key + "' could not be found in the input '" + Json.write(searched(bindings)) + "'");
            }
            return value;
        }

        /** What the cause prints: the context object for {@code $$} paths, else the data. */
        private JsonNode searched(Bindings bindings) {
            return path.root() == Path.Root.CONTEXT ? bindings.context() : bindings.data();
        }
    }

    private record CallValue(IntrinsicCall call) implements Node {
        @Override
        public JsonNode evaluate(Bindings bindings, Entropy entropy) {
            return call.evaluate(bindings, entropy);
        }
    }
}
