package io.stepstream.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.dataflow.Assign;
import io.stepstream.asl.dataflow.CatchOutput;
import io.stepstream.asl.dataflow.Dataflow;
import io.stepstream.asl.model.Evaluable;
import io.stepstream.asl.model.StateType;

/**
 * Compiles the fields whose form depends on the state's query language, so the parser itself
 * stays language-agnostic. Every method returns null when the field is absent.
 */
interface QueryFields {

    Dataflow dataflow(JsonNode state, StateType type);

    Assign assign(JsonNode holder, boolean inCatcher);

    CatchOutput catchOutput(JsonNode catcher);

    /** A top-level Choice rule's condition (JSONPath rule or JSONata Condition). */
    Evaluable<Boolean> condition(JsonNode rule);

    /** A Choice rule's own Output (JSONata only). */
    Dataflow ruleOutput(JsonNode rule);

    /** Never null for a valid Wait state. */
    Evaluable<Long> waitDue(JsonNode state);

    /** Fail's Error or Cause (and their Path forms); a constant null when absent. */
    Evaluable<String> failField(JsonNode state, String field);

    /** TimeoutSeconds or HeartbeatSeconds (and their Path forms). */
    Evaluable<Long> seconds(JsonNode state, String field);

    Evaluable<JsonNode> credentials(JsonNode state);

    /** Never null: the items a Map iterates. */
    Evaluable<JsonNode> items(JsonNode state);

    Evaluable<JsonNode> itemSelector(JsonNode state);

    Evaluable<Integer> maxConcurrency(JsonNode state);

    Evaluable<Long> toleratedFailureCount(JsonNode state);

    Evaluable<Double> toleratedFailurePercentage(JsonNode state);

    /** A numeric ItemBatcher field (MaxItemsPerBatch, MaxInputBytesPerBatch). */
    Evaluable<Long> batcherNumber(JsonNode batcher, String field);

    Evaluable<JsonNode> batchInput(JsonNode batcher);
}
