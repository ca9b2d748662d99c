package io.stepstream.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.dataflow.Assign;
import io.stepstream.asl.dataflow.CatchOutput;
import io.stepstream.asl.dataflow.Dataflow;
import io.stepstream.asl.dataflow.JsonataAssign;
import io.stepstream.asl.dataflow.JsonataCatchOutput;
import io.stepstream.asl.dataflow.JsonataDataflow;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.errors.ErrorNames;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.jsonata.JsonataTemplate;
import io.stepstream.asl.model.Evaluable;
import io.stepstream.asl.model.StateType;
import java.time.format.DateTimeParseException;

/**
 * The JSONata forms of the language-dependent fields: every field is a JSON template in which
 * {@code {% ... %}} strings are expressions over {@code $states} and the variables.
 */
final class JsonataFields implements QueryFields {
    static final JsonataFields INSTANCE = new JsonataFields();

    private JsonataFields() {}

    private static JsonataTemplate template(JsonNode node, String field) {
        return node.has(field) ? JsonataTemplate.compile(node.get(field), field) : null;
    }

    /** The field as a value of the state input; null when absent. */
    private static Evaluable<JsonNode> value(JsonNode node, String field) {
        JsonataTemplate template = template(node, field);
        return template == null ? null
                : (data, env) -> template.evaluate(JsonataDataflow.environment(data, env));
    }

    private static Evaluable<Long> integer(JsonNode node, String field) {
        JsonataTemplate template = template(node, field);
        if (template == null) {
            return null;
        }
        return (data, env) -> {
            JsonNode v = template.evaluate(JsonataDataflow.environment(data, env));
            if (!v.isNumber() || v.decimalValue().stripTrailingZeros().scale() > 0) {
                throw template.unexpectedType("integer", v);
            }
            return v.asLong();
        };
    }

    private static Evaluable<Double> number(JsonNode node, String field) {
        JsonataTemplate template = template(node, field);
        if (template == null) {
            return null;
        }
        return (data, env) -> {
            JsonNode v = template.evaluate(JsonataDataflow.environment(data, env));
            if (!v.isNumber()) {
                throw template.unexpectedType("number", v);
            }
            return v.asDouble();
        };
    }

    @Override
    public Dataflow dataflow(JsonNode node, StateType type) {
        boolean arguments = type == StateType.TASK || type == StateType.PARALLEL;
        return new JsonataDataflow(arguments ? template(node, "Arguments") : null, template(node, "Output"));
    }

    @Override
    public Assign assign(JsonNode holder, boolean inCatcher) {
        JsonataTemplate template = template(holder, "Assign");
        return template == null ? null : new JsonataAssign(template, inCatcher);
    }

    @Override
    public CatchOutput catchOutput(JsonNode catcher) {
        return new JsonataCatchOutput(template(catcher, "Output"));
    }

    @Override
    public Evaluable<Boolean> condition(JsonNode rule) {
        JsonataTemplate template = JsonataTemplate.compile(rule.path("Condition"), "Condition");
        return (data, env) -> {
            JsonNode v = template.evaluate(JsonataDataflow.environment(data, env));
            if (!v.isBoolean()) {
                throw template.unexpectedType("boolean", v);
            }
            return v.booleanValue();
        };
    }

    @Override
    public Dataflow ruleOutput(JsonNode rule) {
        JsonataTemplate output = template(rule, "Output");
        return output == null ? null : new JsonataDataflow(null, output);
    }

    @Override
    public Evaluable<Long> waitDue(JsonNode node) {
        if (node.has("Seconds")) {
            Evaluable<Long> seconds = integer(node, "Seconds");
            return (data, env) -> {
                long s = seconds.evaluate(data, env);
                if (s < 0) {
                    throw new AslException(ErrorNames.QUERY_EVALUATION_ERROR,
                            "The Seconds field must be a non-negative integer, but was: " + s);
                }
                return WaitFields.checked(env.nowMillis(), env.nowMillis() + s * 1000);
            };
        }
        Evaluable<JsonNode> timestamp = value(node, "Timestamp");
        if (timestamp == null) {
            return null;
        }
        return (data, env) -> {
            JsonNode v = timestamp.evaluate(data, env);
            String text = v.isTextual() ? v.asText() : Json.write(v);
            try {
                return WaitFields.checked(env.nowMillis(), WaitFields.parseTimestamp(text));
            } catch (DateTimeParseException e) {
                throw new AslException(ErrorNames.QUERY_EVALUATION_ERROR, "The Timestamp field cannot be parsed as an "
                        + "ISO-8601 extended offset date-time format string: " + text);
            }
        };
    }

    @Override
    public Evaluable<String> failField(JsonNode node, String field) {
        Evaluable<JsonNode> v = value(node, field);
        if (v == null) {
            return Evaluable.constant(null);
        }
        return (data, env) -> {
            JsonNode out = v.evaluate(data, env);
            return out.isTextual() ? out.asText() : Json.write(out);
        };
    }

    @Override
    public Evaluable<Long> seconds(JsonNode node, String field) {
        return integer(node, field);
    }

    @Override
    public Evaluable<JsonNode> credentials(JsonNode node) {
        return value(node, "Credentials");
    }

    @Override
    public Evaluable<JsonNode> items(JsonNode node) {
        JsonataTemplate template = template(node, "Items");
        if (template == null) {
            return (data, env) -> {
                if (!data.isArray()) {
                    throw new AslException(ErrorNames.QUERY_EVALUATION_ERROR,
                            "Map state input must be an array but was: " + Json.write(data));
                }
                return data;
            };
        }
        return (data, env) -> {
            JsonNode v = template.evaluate(JsonataDataflow.environment(data, env));
            if (!v.isArray()) {
                throw template.unexpectedType("array", v);
            }
            return v;
        };
    }

    @Override
    public Evaluable<JsonNode> itemSelector(JsonNode node) {
        return value(node, "ItemSelector");
    }

    @Override
    public Evaluable<Integer> maxConcurrency(JsonNode node) {
        Evaluable<Long> v = integer(node, "MaxConcurrency");
        return v == null ? null : (data, env) -> (int) Math.min(Integer.MAX_VALUE, Math.max(0, v.evaluate(data, env)));
    }

    @Override
    public Evaluable<Long> toleratedFailureCount(JsonNode node) {
        Evaluable<Long> v = integer(node, "ToleratedFailureCount");
        return v == null ? null : Tolerance.count(v);
    }

    @Override
    public Evaluable<Double> toleratedFailurePercentage(JsonNode node) {
        Evaluable<Double> v = number(node, "ToleratedFailurePercentage");
        return v == null ? null : Tolerance.percentage(v);
    }

    @Override
    public Evaluable<Long> batcherNumber(JsonNode batcher, String field) {
        return integer(batcher, field);
    }

    @Override
    public Evaluable<JsonNode> batchInput(JsonNode batcher) {
        return value(batcher, "BatchInput");
    }
}
