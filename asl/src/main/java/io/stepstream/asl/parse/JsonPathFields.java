package io.stepstream.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.choice.ChoiceRule;
import io.stepstream.asl.choice.ChoiceRules;
import io.stepstream.asl.dataflow.Assign;
import io.stepstream.asl.dataflow.CatchOutput;
import io.stepstream.asl.dataflow.Dataflow;
import io.stepstream.asl.dataflow.JsonPathAssign;
import io.stepstream.asl.dataflow.JsonPathCatchOutput;
import io.stepstream.asl.dataflow.JsonPathDataflow;
import io.stepstream.asl.dataflow.JsonPathDataflow.PathField;
import io.stepstream.asl.dataflow.JsonPathDataflow.ResultPathField;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.intrinsics.IntrinsicCall;
import io.stepstream.asl.intrinsics.Intrinsics;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.Evaluable;
import io.stepstream.asl.model.StateType;
import io.stepstream.asl.path.Path;
import io.stepstream.asl.path.PayloadTemplate;
import io.stepstream.asl.path.ReferencePath;
import java.util.List;

/**
 * The JSONPath forms of the language-dependent fields: InputPath/Parameters/ResultSelector/
 * ResultPath/OutputPath, payload templates, Choice rules and the {@code ...Path} fields, compiled
 * into {@link Evaluable}s that fail with AWS's own messages.
 */
final class JsonPathFields implements QueryFields {
    static final JsonPathFields INSTANCE = new JsonPathFields();

    private JsonPathFields() {}

    @Override
    public Dataflow dataflow(JsonNode node, StateType type) {
        // Map's Parameters is the deprecated name of ItemSelector, not an input filter.
        boolean parameters = type == StateType.TASK || type == StateType.PASS || type == StateType.PARALLEL;
        return new JsonPathDataflow(pathField(node, "InputPath"),
                parameters ? template(node, "Parameters") : null,
                template(node, "ResultSelector"),
                resultPath(node),
                pathField(node, "OutputPath"));
    }

    private static PathField pathField(JsonNode node, String field) {
        if (!node.has(field)) {
            return PathField.ROOT;
        }
        JsonNode v = node.get(field);
        return v.isNull() ? PathField.NULL : new PathField(Path.compile(v.asText()), false);
    }

    private static ResultPathField resultPath(JsonNode node) {
        if (!node.has("ResultPath")) {
            return ResultPathField.ROOT;
        }
        JsonNode v = node.get("ResultPath");
        return v.isNull() ? ResultPathField.NULL : new ResultPathField(ReferencePath.parse(v.asText()), false);
    }

    private static PayloadTemplate template(JsonNode node, String field) {
        return node.has(field) ? PayloadTemplate.compile(node.get(field)) : null;
    }

    private static Evaluable<JsonNode> templateOver(JsonNode node, String field) {
        PayloadTemplate template = template(node, field);
        return template == null ? null : (data, env) -> template.evaluate(env.bindings(data), env.entropy());
    }

    @Override
    public Assign assign(JsonNode holder, boolean inCatcher) {
        return holder.has("Assign") ? new JsonPathAssign(PayloadTemplate.compile(holder.get("Assign"))) : null;
    }

    @Override
    public CatchOutput catchOutput(JsonNode catcher) {
        return new JsonPathCatchOutput(resultPath(catcher));
    }

    @Override
    public Evaluable<Boolean> condition(JsonNode rule) {
        ObjectNode condition = ((ObjectNode) rule).deepCopy();
        condition.remove(List.of("Next", "Assign", "Comment"));
        ChoiceRule compiled = ChoiceRules.compile(condition);
        return (data, env) -> compiled.test(env.bindings(data));
    }

    @Override
    public Dataflow ruleOutput(JsonNode rule) {
        return null;
    }

    @Override
    public Evaluable<Long> waitDue(JsonNode node) {
        if (node.has("Seconds")) {
            return WaitFields.seconds(node.get("Seconds").asLong());
        }
        if (node.has("SecondsPath")) {
            return WaitFields.secondsPath(node.get("SecondsPath").asText());
        }
        if (node.has("Timestamp")) {
            return WaitFields.timestamp(node.get("Timestamp").asText());
        }
        if (node.has("TimestampPath")) {
            return WaitFields.timestampPath(node.get("TimestampPath").asText());
        }
        return null;
    }

    @Override
    public Evaluable<String> failField(JsonNode node, String field) {
        if (node.has(field)) {
            return Evaluable.constant(node.get(field).asText());
        }
        if (node.has(field + "Path")) {
            return stringPath(field + "Path", node.get(field + "Path").asText());
        }
        return Evaluable.constant(null);
    }

    @Override
    public Evaluable<Long> seconds(JsonNode node, String field) {
        if (node.has(field)) {
            return Evaluable.constant(node.get(field).asLong());
        }
        if (node.has(field + "Path")) {
            return secondsPath(node.get(field + "Path").asText());
        }
        return null;
    }

    @Override
    public Evaluable<JsonNode> credentials(JsonNode node) {
        return templateOver(node, "Credentials");
    }

    @Override
    public Evaluable<JsonNode> items(JsonNode node) {
        String text = node.has("ItemsPath") ? node.get("ItemsPath").asText() : "$";
        Path path = Path.compile(text);
        return (data, env) -> {
            JsonNode items = path.select(env.bindings(data));
            if (items == null) {
                throw AslException.runtime("Invalid path '" + text + "' : " + path.explainMiss(env.bindings(data)));
            }
            if (!items.isArray()) {
                throw AslException.runtime("Map state input must be an array but was: " + Json.write(items));
            }
            return items;
        };
    }

    @Override
    public Evaluable<JsonNode> itemSelector(JsonNode node) {
        return templateOver(node, node.has("ItemSelector") ? "ItemSelector" : "Parameters");
    }

    @Override
    public Evaluable<Integer> maxConcurrency(JsonNode node) {
        if (node.has("MaxConcurrency")) {
            return Evaluable.constant(node.get("MaxConcurrency").asInt());
        }
        if (node.has("MaxConcurrencyPath")) {
            Evaluable<Long> path = integerPath("MaxConcurrencyPath", node.get("MaxConcurrencyPath").asText());
            return (data, env) -> (int) Math.min(Integer.MAX_VALUE, Math.max(0, path.evaluate(data, env)));
        }
        return null;
    }

    @Override
    public Evaluable<Long> toleratedFailureCount(JsonNode node) {
        if (node.has("ToleratedFailureCount")) {
            return Tolerance.count(Evaluable.constant(node.get("ToleratedFailureCount").asLong()));
        }
        if (node.has("ToleratedFailureCountPath")) {
            return Tolerance.count(integerPath("ToleratedFailureCountPath",
                    node.get("ToleratedFailureCountPath").asText()));
        }
        return null;
    }

    @Override
    public Evaluable<Double> toleratedFailurePercentage(JsonNode node) {
        if (node.has("ToleratedFailurePercentage")) {
            return Tolerance.percentage(Evaluable.constant(node.get("ToleratedFailurePercentage").asDouble()));
        }
        if (node.has("ToleratedFailurePercentagePath")) {
            return Tolerance.percentage(floatPath("ToleratedFailurePercentagePath",
                    node.get("ToleratedFailurePercentagePath").asText()));
        }
        return null;
    }

    @Override
    public Evaluable<Long> batcherNumber(JsonNode batcher, String field) {
        if (batcher.has(field)) {
            return Evaluable.constant(batcher.get(field).asLong());
        }
        if (batcher.has(field + "Path")) {
            return integerPath(field + "Path", batcher.get(field + "Path").asText());
        }
        return null;
    }

    @Override
    public Evaluable<JsonNode> batchInput(JsonNode batcher) {
        return templateOver(batcher, "BatchInput");
    }

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
