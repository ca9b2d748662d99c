package io.stepstream.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.eval.Environment;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MapState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Map: one iteration per item (or per batch), each on the ItemSelector's view of it, at most
 * MaxConcurrency at a time; the result is the iteration outputs in item order.
 */
final class MapHandler implements StateHandler<MapState> {
    @Override
    public Outcome run(Frame frame, MapState state, Run run) {
        if (frame.resumption instanceof Frame.ChildrenFailed failed) {
            frame.resumption = null;
            return new Outcome.Failed(failed.error());
        }
        Environment env = run.env(frame, null);
        if (frame.resumption instanceof Frame.ChildrenDone done) {
            frame.resumption = null;
            return succeeded(frame, state, run, env, done.results());
        }
        JsonNode effective = state.dataflow().input(frame.input, env);
        JsonNode items = state.items().evaluate(effective, env);
        int maxConcurrency = state.maxConcurrency() == null ? 0 : state.maxConcurrency().evaluate(effective, env);
        long toleratedCount = state.toleratedFailureCount() == null ? 0
                : state.toleratedFailureCount().evaluate(effective, env);
        double toleratedPercentage = state.toleratedFailurePercentage() == null ? 0
                : state.toleratedFailurePercentage().evaluate(effective, env);
        List<JsonNode> inputs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            inputs.add(select(frame, state, run, effective, i, items.get(i)));
        }
        if (state.batcher() != null) {
            inputs = batch(state.batcher(), inputs, effective, env);
        }
        run.emit(frame, HistoryEventType.MapStateStarted,
                run.keeps(HistoryEventType.MapStateStarted) ? Run.details().put("length", inputs.size()) : null);
        if (inputs.isEmpty()) {
            return succeeded(frame, state, run, env, Json.NODES.arrayNode());
        }
        run.fanOut(frame, new Frame.Fanout(inputs, maxConcurrency, toleratedCount, toleratedPercentage));
        return Outcome.Suspended.INSTANCE;
    }

    private static JsonNode select(Frame frame, MapState state, Run run, JsonNode effective, int index, JsonNode item) {
        if (state.itemSelector() == null) {
            return item;
        }
        ObjectNode extra = Json.NODES.objectNode();
        extra.putObject("Map").putObject("Item").put("Index", index).set("Value", item);
        return state.itemSelector().evaluate(effective, run.env(frame, extra));
    }

    private static List<JsonNode> batch(MapState.ItemBatcher batcher, List<JsonNode> items, JsonNode effective,
                                        Environment env) {
        long maxItems = batcher.maxItemsPerBatch() == null ? Long.MAX_VALUE
                : batcher.maxItemsPerBatch().evaluate(effective, env);
        long maxBytes = batcher.maxInputBytesPerBatch() == null ? 262_144
                : batcher.maxInputBytesPerBatch().evaluate(effective, env);
        JsonNode batchInput = batcher.batchInput() == null ? null : batcher.batchInput().evaluate(effective, env);
        List<JsonNode> batches = new ArrayList<>();
        ArrayNode current = Json.NODES.arrayNode();
        long bytes = 0;
        for (JsonNode item : items) {
            long size = Json.byteSize(item);
            if (current.size() > 0 && (current.size() >= maxItems || bytes + size > maxBytes)) {
                batches.add(batchOf(current, batchInput));
                current = Json.NODES.arrayNode();
                bytes = 0;
            }
            current.add(item);
            bytes += size;
        }
        if (current.size() > 0) {
            batches.add(batchOf(current, batchInput));
        }
        return batches;
    }

    private static JsonNode batchOf(ArrayNode items, JsonNode batchInput) {
        ObjectNode batch = Json.NODES.objectNode();
        batch.set("Items", items);
        if (batchInput != null) {
            batch.set("BatchInput", batchInput);
        }
        return batch;
    }

    private static Outcome succeeded(Frame frame, MapState state, Run run, Environment env, JsonNode results) {
        run.emit(frame, HistoryEventType.MapStateSucceeded, null);
        Map<String, JsonNode> assigned = run.evaluate(frame, state.assign(), frame.input, results, env);
        JsonNode output = state.dataflow().output(frame.input, results, env);
        run.assign(frame, assigned);
        return new Outcome.Next(state.next(), output);
    }
}
