package io.stepstream.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.errors.ErrorNames;
import io.stepstream.asl.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A compiled JSONata-mode field (Arguments, Output, Assign, Items, ItemSelector, Condition,
 * Seconds, Timestamp, Error, Cause, ...): every string that starts exactly with {@code {%} and
 * ends exactly with {@code %}}, at any depth, is an expression; everything else is literal.
 * Immutable and thread-safe.
 *
 * <p>Failures are {@link AslException} {@code States.QueryEvaluationError} whose cause is AWS's
 * sentence without the state prefix, e.g. {@code The JSONata expression '$x' specified for the
 * field 'Output/result' returned nothing (undefined).} The state handler puts
 * {@code An error occurred while executing the state 'S' (entered at the event id #N). } in front.
 */
public final class JsonataTemplate {

    private static final String OPEN = "{%";
    private static final String CLOSE = "%}";

    private final String fieldName;
    private final Part root;

    private JsonataTemplate(String fieldName, Part root) {
        this.fieldName = fieldName;
        this.root = root;
    }

    /**
     * Compiles {@code template}, the value of the field {@code fieldName} (e.g. {@code Output},
     * {@code Assign}). Throws {@link InvalidJsonataException} located at the offending member,
     * e.g. {@code Output/v}.
     */
    public static JsonataTemplate compile(JsonNode template, String fieldName) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(fieldName, "fieldName");
        return new JsonataTemplate(fieldName, compilePart(template, fieldName, fieldName));
    }

    /** True when {@code value} is a JSONata expression string: {@code {%} ... {@code %}}. */
    public static boolean isExpression(JsonNode value) {
        return value != null && value.isTextual() && isExpression(value.textValue());
    }

    private static boolean isExpression(String text) {
        return text.length() >= OPEN.length() + CLOSE.length() && text.startsWith(OPEN) && text.endsWith(CLOSE);
    }

    private static Part compilePart(JsonNode node, String field, String location) {
        if (isExpression(node)) {
            String text = node.textValue();
            String inner = text.substring(OPEN.length(), text.length() - CLOSE.length()).trim();
            try {
                return new Expression(JsonataExpression.compile(inner), field);
            } catch (InvalidJsonataException e) {
                throw e.at(location);
            }
        }
        if (node.isObject() && hasExpression(node)) {
            List<Member> members = new ArrayList<>(node.size());
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                String key = entry.getKey();
                members.add(new Member(key, compilePart(entry.getValue(), field + "/" + key, location + "/" + key)));
            }
            return new ObjectPart(List.copyOf(members));
        }
        if (node.isArray() && hasExpression(node)) {
            List<Part> elements = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                elements.add(compilePart(node.get(i), field + "[" + i + "]", location + "/" + i));
            }
            return new ArrayPart(List.copyOf(elements));
        }
        // Literal subtrees are shared, never copied: JsonNode payloads are read-only by convention.
        return new Literal(node);
    }

    private static boolean hasExpression(JsonNode node) {
        if (isExpression(node)) {
            return true;
        }
        for (JsonNode child : node) {
            if (hasExpression(child)) {
                return true;
            }
        }
        return false;
    }

    /** The field this template is the value of, as AWS names it in causes. */
    public String fieldName() {
        return fieldName;
    }

    /** True when the template holds no expression, so evaluating it returns it unchanged. */
    public boolean isLiteral() {
        return root instanceof Literal;
    }

    /**
     * Evaluates the template. Never returns null: an expression that returns undefined fails with
     * {@code States.QueryEvaluationError} naming its field, e.g. {@code Output/result}.
     */
    public JsonNode evaluate(JsonataEnvironment env) {
        if (root instanceof Literal literal) {
            return literal.value();
        }
        return root.evaluate(new Session(env));
    }

    /**
     * The error AWS raises when this field's value has the wrong type, e.g. {@code Items} that is
     * not an array: {@code The JSONata expression '...' specified for the field 'Items' returned an
     * unexpected result type. Expected 'array', but was 'object' for value: {"foo":"bar"}}.
     *
     * @param expected the JSON type AWS names: array, object, string, number, boolean or null
     */
    public AslException unexpectedType(String expected, JsonNode value) {
        String subject = root instanceof Expression expression
                ? "The JSONata expression '" + expression.expression().text() + "' specified for the field '"
                        + fieldName + "'"
                : "The value of the field '" + fieldName + "'";
        return queryEvaluationError(subject + " returned an unexpected result type. Expected '" + expected
                + "', but was '" + typeName(value) + "' for value: " + Json.write(value));
    }

    /** JSON's name for the type of {@code value}, as AWS prints it. */
    public static String typeName(JsonNode value) {
        JsonNodeType type = value.getNodeType();
        return switch (type) {
            case ARRAY -> "array";
            case OBJECT, POJO -> "object";
            case STRING, BINARY -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }

    private static AslException queryEvaluationError(String cause) {
        return new AslException(ErrorNames.QUERY_EVALUATION_ERROR, cause);
    }

    @Override
    public String toString() {
        return fieldName + ": " + root;
    }

    /** A compiled piece of a template. */
    private sealed interface Part permits Literal, Expression, ObjectPart, ArrayPart {
        JsonNode evaluate(Session session);
    }

    private record Literal(JsonNode value) implements Part {
        @Override
        public JsonNode evaluate(Session session) {
            return value;
        }
    }

    private record Expression(JsonataExpression expression, String field) implements Part {
        @Override
        public JsonNode evaluate(Session session) {
            JsonNode value;
            try {
                value = expression.evaluateIn(session);
            } catch (EvaluationFailure failure) {
                // AWS ends its sentence before a coded JSONata error and runs on into a bound's message.
                String separator = failure.code() == null ? ": " : ". ";
                throw queryEvaluationError(subject() + " threw an error during evaluation" + separator + failure.text());
            }
            if (value == null) {
                throw queryEvaluationError(subject() + " returned nothing (undefined).");
            }
            return value;
        }

        private String subject() {
            return "The JSONata expression '" + expression.text() + "' specified for the field '" + field + "'";
        }
    }

    private record Member(String key, Part value) {}

    private record ObjectPart(List<Member> members) implements Part {
        @Override
        public JsonNode evaluate(Session session) {
            ObjectNode object = Json.NODES.objectNode();
            for (Member member : members) {
                object.set(member.key(), member.value().evaluate(session));
            }
            return object;
        }
    }

    private record ArrayPart(List<Part> elements) implements Part {
        @Override
        public JsonNode evaluate(Session session) {
            ArrayNode array = Json.NODES.arrayNode(elements.size());
            for (Part element : elements) {
                array.add(element.evaluate(session));
            }
            return array;
        }
    }
}
