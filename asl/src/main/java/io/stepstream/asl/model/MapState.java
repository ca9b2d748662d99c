package io.stepstream.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.dataflow.Assign;
import io.stepstream.asl.dataflow.Dataflow;
import java.util.List;

/**
 * A Map state, inline or distributed (both run their iterations inside the execution here).
 *
 * @param items the array to iterate, from the effective input (ItemsPath or JSONata Items)
 * @param itemSelector builds one iteration's input; evaluated with {@code $$.Map.Item} in the
 *     context; null means the item itself
 * @param maxConcurrency 0 means unlimited
 * @param toleratedFailureCount null when absent
 * @param toleratedFailurePercentage null when absent
 * @param batcher null when items are not batched
 */
public record MapState(String name, String next, Dataflow dataflow, Evaluable<JsonNode> items,
                       Evaluable<JsonNode> itemSelector, Evaluable<Integer> maxConcurrency,
                       Evaluable<Long> toleratedFailureCount, Evaluable<Double> toleratedFailurePercentage,
                       ItemBatcher batcher, StateGraph processor, boolean distributed,
                       List<Retrier> retriers, List<Catcher> catchers, Assign assign) implements State {

    public MapState {
        retriers = List.copyOf(retriers);
        catchers = List.copyOf(catchers);
    }

    /**
     * A Distributed Map's ItemBatcher.
     *
     * @param maxItemsPerBatch null when absent
     * @param maxInputBytesPerBatch null when absent
     * @param batchInput null when absent
     */
    public record ItemBatcher(Evaluable<Long> maxItemsPerBatch, Evaluable<Long> maxInputBytesPerBatch,
                              Evaluable<JsonNode> batchInput) {}

    @Override
    public StateType type() {
        return StateType.MAP;
    }
}
