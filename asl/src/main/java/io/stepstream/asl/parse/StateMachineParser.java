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
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.Catcher;
import io.stepstream.asl.model.ChoiceState;
import io.stepstream.asl.model.Evaluable;
import io.stepstream.asl.model.FailState;
import io.stepstream.asl.model.Limits;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.MapState;
import io.stepstream.asl.model.ParallelState;
import io.stepstream.asl.model.PassState;
import io.stepstream.asl.model.QueryLanguage;
import io.stepstream.asl.model.Resource;
import io.stepstream.asl.model.Retrier;
import io.stepstream.asl.model.State;
import io.stepstream.asl.model.StateGraph;
import io.stepstream.asl.model.StateMachine;
import io.stepstream.asl.model.StateType;
import io.stepstream.asl.model.SucceedState;
import io.stepstream.asl.model.TaskState;
import io.stepstream.asl.model.WaitState;
import io.stepstream.asl.path.Path;
import io.stepstream.asl.path.PayloadTemplate;
import io.stepstream.asl.path.ReferencePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a definition into a {@link StateMachine}. It expects a definition the validator
 * accepted, but still fails with a {@link DefinitionException} naming the state and field rather
 * than with a NullPointerException when given one it did not.
 */
public final class StateMachineParser {
    private final QueryLanguage machineLanguage;

    private StateMachineParser(QueryLanguage machineLanguage) {
        this.machineLanguage = machineLanguage;
    }

    public static StateMachine parse(JsonNode definition, MachineType type) {
        QueryLanguage language = QueryLanguage.JSONPATH;
        if (definition.hasNonNull("QueryLanguage")) {
            language = QueryLanguage.fromAsl(definition.get("QueryLanguage").asText());
        }
        StateMachineParser parser = new StateMachineParser(language);
        StateGraph graph = parser.graph(definition, "");
        Long timeout = definition.hasNonNull("TimeoutSeconds") ? definition.get("TimeoutSeconds").asLong() : null;
        return new StateMachine(graph, timeout, language, type, definition);
    }

    private StateGraph graph(JsonNode node, String location) {
        JsonNode states = required(node, "States", location);
        Map<String, State> compiled = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : states.properties()) {
            String where = location + "/States/" + e.getKey();
            try {
                compiled.put(e.getKey(), state(e.getKey(), e.getValue(), where));
            } catch (DefinitionException ex) {
                throw ex;
            } catch (RuntimeException ex) {
                throw new DefinitionException(ex.getMessage() + " at " + where, ex);
            }
        }
        return new StateGraph(required(node, "StartAt", location).asText(), compiled);
    }

    private State state(String name, JsonNode node, String where) {
        StateType type = StateType.fromAsl(text(node, "Type"));
        if (type == null) {
            throw new DefinitionException("The field 'Type' should have one of these values: "
                    + "[Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map] at " + where + "/Type");
        }
        QueryLanguage language = node.hasNonNull("QueryLanguage")
                ? QueryLanguage.fromAsl(node.get("QueryLanguage").asText()) : machineLanguage;
        if (language == QueryLanguage.JSONATA) {
            throw new DefinitionException("JSONata states are not supported yet at " + where);
        }
        String next = node.hasNonNull("Next") ? node.get("Next").asText() : null;
        return switch (type) {
            case PASS -> new PassState(name, next, dataflow(node, true), node.get("Result"),
                    node.has("Result") && Json.byteSize(node.get("Result")) > Limits.PAYLOAD_BYTES, assign(node));
            case TASK -> task(name, next, node);
            case CHOICE -> choice(name, node);
            case WAIT -> new WaitState(name, next, dataflow(node, false), waitDue(node, where), assign(node));
            case SUCCEED -> new SucceedState(name, dataflow(node, false));
            case FAIL -> new FailState(name, failField(node, "Error"), failField(node, "Cause"));
            case PARALLEL -> parallel(name, next, node, where);
            case MAP -> map(name, next, node, where);
        };
    }

    // ---- data flow -----------------------------------------------------------------------

    private Dataflow dataflow(JsonNode node, boolean parameters) {
        return new JsonPathDataflow(pathField(node, "InputPath"),
                parameters ? template(node, "Parameters") : null,
                template(node, "ResultSelector"),
                resultPath(node.get("ResultPath"), node.has("ResultPath")),
                pathField(node, "OutputPath"));
    }

    private static PathField pathField(JsonNode node, String field) {
        if (!node.has(field)) {
            return PathField.ROOT;
        }
        JsonNode v = node.get(field);
        return v.isNull() ? PathField.NULL : new PathField(Path.compile(v.asText()), false);
    }

    private static ResultPathField resultPath(JsonNode v, boolean present) {
        if (!present) {
            return ResultPathField.ROOT;
        }
        return v.isNull() ? ResultPathField.NULL : new ResultPathField(ReferencePath.parse(v.asText()), false);
    }

    private static PayloadTemplate template(JsonNode node, String field) {
        return node.has(field) ? PayloadTemplate.compile(node.get(field)) : null;
    }

    private static Assign assign(JsonNode node) {
        return node.has("Assign") ? new JsonPathAssign(PayloadTemplate.compile(node.get("Assign"))) : null;
    }

    // ---- Retry and Catch -------------------------------------------------------------------

    private static List<Retrier> retriers(JsonNode node) {
        List<Retrier> retriers = new ArrayList<>();
        for (JsonNode r : node.path("Retry")) {
            retriers.add(new Retrier(strings(r.get("ErrorEquals")),
                    r.path("IntervalSeconds").asLong(1),
                    r.path("MaxAttempts").asInt(3),
                    r.path("BackoffRate").asDouble(2.0),
                    r.hasNonNull("MaxDelaySeconds") ? r.get("MaxDelaySeconds").asLong() : null,
                    "FULL".equals(r.path("JitterStrategy").asText()) ? Retrier.JitterStrategy.FULL
                            : Retrier.JitterStrategy.NONE));
        }
        return retriers;
    }

    private static List<Catcher> catchers(JsonNode node) {
        List<Catcher> catchers = new ArrayList<>();
        for (JsonNode c : node.path("Catch")) {
            CatchOutput output = new JsonPathCatchOutput(resultPath(c.get("ResultPath"), c.has("ResultPath")));
            catchers.add(new Catcher(strings(c.get("ErrorEquals")), c.get("Next").asText(), output, assign(c)));
        }
        return catchers;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    // ---- state types -----------------------------------------------------------------------

    private TaskState task(String name, String next, JsonNode node) {
        Evaluable<Long> timeout = null;
        if (node.has("TimeoutSeconds")) {
            timeout = Evaluable.constant(node.get("TimeoutSeconds").asLong());
        } else if (node.has("TimeoutSecondsPath")) {
            timeout = JsonPathFields.secondsPath(node.get("TimeoutSecondsPath").asText());
        }
        Evaluable<Long> heartbeat = null;
        if (node.has("HeartbeatSeconds")) {
            heartbeat = Evaluable.constant(node.get("HeartbeatSeconds").asLong());
        } else if (node.has("HeartbeatSecondsPath")) {
            heartbeat = JsonPathFields.secondsPath(node.get("HeartbeatSecondsPath").asText());
        }
        Evaluable<JsonNode> credentials = null;
        if (node.has("Credentials")) {
            PayloadTemplate template = PayloadTemplate.compile(node.get("Credentials"));
            credentials = (data, env) -> template.evaluate(env.bindings(data), env.entropy());
        }
        return new TaskState(name, next, dataflow(node, true), Resource.parse(text(node, "Resource")), credentials,
                timeout, heartbeat, retriers(node), catchers(node), assign(node));
    }

    private ChoiceState choice(String name, JsonNode node) {
        List<ChoiceState.Choice> choices = new ArrayList<>();
        for (JsonNode rule : node.path("Choices")) {
            ObjectNode condition = ((ObjectNode) rule).deepCopy();
            condition.remove(List.of("Next", "Assign", "Comment"));
            ChoiceRule compiled = ChoiceRules.compile(condition);
            Evaluable<Boolean> test = (data, env) -> compiled.test(env.bindings(data));
            choices.add(new ChoiceState.Choice(test, text(rule, "Next"), assign(rule), null));
        }
        String defaultNext = node.hasNonNull("Default") ? node.get("Default").asText() : null;
        return new ChoiceState(name, dataflow(node, false), choices, defaultNext, assign(node));
    }

    private static Evaluable<Long> waitDue(JsonNode node, String where) {
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
        throw new DefinitionException("A Wait state needs one of Seconds, SecondsPath, Timestamp, TimestampPath at "
                + where);
    }

    private static Evaluable<String> failField(JsonNode node, String field) {
        if (node.has(field)) {
            String value = node.get(field).asText();
            return Evaluable.constant(value);
        }
        if (node.has(field + "Path")) {
            return JsonPathFields.stringPath(field + "Path", node.get(field + "Path").asText());
        }
        return Evaluable.constant(null);
    }

    private ParallelState parallel(String name, String next, JsonNode node, String where) {
        List<StateGraph> branches = new ArrayList<>();
        int i = 0;
        for (JsonNode branch : node.path("Branches")) {
            branches.add(graph(branch, where + "/Branches/" + i++));
        }
        return new ParallelState(name, next, dataflow(node, true), branches, retriers(node), catchers(node),
                assign(node));
    }

    private MapState map(String name, String next, JsonNode node, String where) {
        String processorField = node.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        JsonNode processorNode = required(node, processorField, where);
        StateGraph processor = graph(processorNode, where + "/" + processorField);
        boolean distributed = "DISTRIBUTED".equals(processorNode.path("ProcessorConfig").path("Mode").asText());

        Evaluable<JsonNode> items = itemsPath(node.has("ItemsPath") ? node.get("ItemsPath").asText() : "$");
        String selectorField = node.has("ItemSelector") ? "ItemSelector" : "Parameters";
        Evaluable<JsonNode> selector = null;
        if (node.has(selectorField)) {
            PayloadTemplate template = PayloadTemplate.compile(node.get(selectorField));
            selector = (data, env) -> template.evaluate(env.bindings(data), env.entropy());
        }
        Evaluable<Integer> maxConcurrency = null;
        if (node.has("MaxConcurrency")) {
            maxConcurrency = Evaluable.constant(node.get("MaxConcurrency").asInt());
        } else if (node.has("MaxConcurrencyPath")) {
            Evaluable<Long> path = JsonPathFields.integerPath("MaxConcurrencyPath", node.get("MaxConcurrencyPath").asText());
            maxConcurrency = (data, env) -> (int) Math.min(Integer.MAX_VALUE, Math.max(0, path.evaluate(data, env)));
        }
        Evaluable<Long> toleratedCount = toleratedCount(node);
        Evaluable<Double> toleratedPercentage = toleratedPercentage(node);
        MapState.ItemBatcher batcher = null;
        if (node.has("ItemBatcher")) {
            JsonNode b = node.get("ItemBatcher");
            Evaluable<JsonNode> batchInput = null;
            if (b.has("BatchInput")) {
                PayloadTemplate template = PayloadTemplate.compile(b.get("BatchInput"));
                batchInput = (data, env) -> template.evaluate(env.bindings(data), env.entropy());
            }
            batcher = new MapState.ItemBatcher(longField(b, "MaxItemsPerBatch"), longField(b, "MaxInputBytesPerBatch"),
                    batchInput);
        }
        JsonPathDataflow dataflow = new JsonPathDataflow(pathField(node, "InputPath"), null,
                template(node, "ResultSelector"), resultPath(node.get("ResultPath"), node.has("ResultPath")),
                pathField(node, "OutputPath"));
        return new MapState(name, next, dataflow, items, selector, maxConcurrency, toleratedCount,
                toleratedPercentage, batcher, processor, distributed, retriers(node), catchers(node), assign(node));
    }

    private static Evaluable<JsonNode> itemsPath(String text) {
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

    private static Evaluable<Long> toleratedCount(JsonNode node) {
        Evaluable<Long> raw = null;
        if (node.has("ToleratedFailureCount")) {
            raw = Evaluable.constant(node.get("ToleratedFailureCount").asLong());
        } else if (node.has("ToleratedFailureCountPath")) {
            raw = JsonPathFields.integerPath("ToleratedFailureCountPath", node.get("ToleratedFailureCountPath").asText());
        }
        if (raw == null) {
            return null;
        }
        Evaluable<Long> source = raw;
        return (data, env) -> {
            long v = source.evaluate(data, env);
            if (v < 0) {
                throw AslException.runtime("ToleratedFailureCount cannot be negative.");
            }
            return v;
        };
    }

    private static Evaluable<Double> toleratedPercentage(JsonNode node) {
        Evaluable<Double> raw = null;
        if (node.has("ToleratedFailurePercentage")) {
            raw = Evaluable.constant(node.get("ToleratedFailurePercentage").asDouble());
        } else if (node.has("ToleratedFailurePercentagePath")) {
            raw = JsonPathFields.floatPath("ToleratedFailurePercentagePath",
                    node.get("ToleratedFailurePercentagePath").asText());
        }
        if (raw == null) {
            return null;
        }
        Evaluable<Double> source = raw;
        return (data, env) -> {
            double v = source.evaluate(data, env);
            if (v < 0 || v > 100) {
                throw AslException.runtime("ToleratedFailurePercentage must be between 0 and 100.");
            }
            return v;
        };
    }

    private static Evaluable<Long> longField(JsonNode node, String field) {
        if (node.has(field)) {
            return Evaluable.constant(node.get(field).asLong());
        }
        if (node.has(field + "Path")) {
            return JsonPathFields.integerPath(field + "Path", node.get(field + "Path").asText());
        }
        return null;
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static JsonNode required(JsonNode node, String field, String location) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new DefinitionException("The field '" + field + "' is required but was missing at "
                    + (location.isEmpty() ? "/" : location));
        }
        return v;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null ? null : v.asText();
    }
}
