package io.stepstream.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a definition into a {@link StateMachine}. It expects a definition the validator
 * accepted, but still fails with a {@link DefinitionException} naming the state and field rather
 * than with a NullPointerException when given one it did not. What depends on the query language
 * is compiled by {@link JsonPathFields} or {@link JsonataFields}.
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
        QueryFields fields = language == QueryLanguage.JSONATA ? JsonataFields.INSTANCE : JsonPathFields.INSTANCE;
        String next = node.hasNonNull("Next") ? node.get("Next").asText() : null;
        return switch (type) {
            case PASS -> new PassState(name, next, fields.dataflow(node, type), node.get("Result"),
                    node.has("Result") && Json.byteSize(node.get("Result")) > Limits.PAYLOAD_BYTES,
                    fields.assign(node, false));
            case TASK -> task(name, next, node, fields);
            case CHOICE -> choice(name, node, fields);
            case WAIT -> new WaitState(name, next, fields.dataflow(node, type), required(fields.waitDue(node),
                    "Seconds, SecondsPath, Timestamp or TimestampPath", where), fields.assign(node, false));
            case SUCCEED -> new SucceedState(name, fields.dataflow(node, type));
            case FAIL -> new FailState(name, fields.failField(node, "Error"), fields.failField(node, "Cause"));
            case PARALLEL -> parallel(name, next, node, where, fields);
            case MAP -> map(name, next, node, where, fields);
        };
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

    private static List<Catcher> catchers(JsonNode node, QueryFields fields) {
        List<Catcher> catchers = new ArrayList<>();
        for (JsonNode c : node.path("Catch")) {
            catchers.add(new Catcher(strings(c.get("ErrorEquals")), c.get("Next").asText(), fields.catchOutput(c),
                    fields.assign(c, true)));
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

    private static TaskState task(String name, String next, JsonNode node, QueryFields fields) {
        return new TaskState(name, next, fields.dataflow(node, StateType.TASK), Resource.parse(text(node, "Resource")),
                fields.credentials(node), fields.seconds(node, "TimeoutSeconds"),
                fields.seconds(node, "HeartbeatSeconds"), retriers(node), catchers(node, fields),
                fields.assign(node, false));
    }

    private static ChoiceState choice(String name, JsonNode node, QueryFields fields) {
        List<ChoiceState.Choice> choices = new ArrayList<>();
        for (JsonNode rule : node.path("Choices")) {
            choices.add(new ChoiceState.Choice(fields.condition(rule), text(rule, "Next"), fields.assign(rule, false),
                    fields.ruleOutput(rule)));
        }
        String defaultNext = node.hasNonNull("Default") ? node.get("Default").asText() : null;
        return new ChoiceState(name, fields.dataflow(node, StateType.CHOICE), choices, defaultNext,
                fields.assign(node, false));
    }

    private ParallelState parallel(String name, String next, JsonNode node, String where, QueryFields fields) {
        List<StateGraph> branches = new ArrayList<>();
        int i = 0;
        for (JsonNode branch : node.path("Branches")) {
            branches.add(graph(branch, where + "/Branches/" + i++));
        }
        return new ParallelState(name, next, fields.dataflow(node, StateType.PARALLEL), branches, retriers(node),
                catchers(node, fields), fields.assign(node, false));
    }

    private MapState map(String name, String next, JsonNode node, String where, QueryFields fields) {
        String processorField = node.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        JsonNode processorNode = required(node, processorField, where);
        StateGraph processor = graph(processorNode, where + "/" + processorField);
        boolean distributed = "DISTRIBUTED".equals(processorNode.path("ProcessorConfig").path("Mode").asText());
        MapState.ItemBatcher batcher = null;
        if (node.has("ItemBatcher")) {
            JsonNode b = node.get("ItemBatcher");
            batcher = new MapState.ItemBatcher(fields.batcherNumber(b, "MaxItemsPerBatch"),
                    fields.batcherNumber(b, "MaxInputBytesPerBatch"), fields.batchInput(b));
        }
        return new MapState(name, next, fields.dataflow(node, StateType.MAP), fields.items(node),
                fields.itemSelector(node), fields.maxConcurrency(node), fields.toleratedFailureCount(node),
                fields.toleratedFailurePercentage(node), batcher, processor, distributed, retriers(node),
                catchers(node, fields), fields.assign(node, false));
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

    private static <T> Evaluable<T> required(Evaluable<T> value, String fields, String where) {
        if (value == null) {
            throw new DefinitionException("One of " + fields + " is required at " + where);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null ? null : v.asText();
    }
}
