package io.stepstream.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.dataflow.Assign;
import io.stepstream.asl.dataflow.Dataflow;

/**
 * A Pass state.
 *
 * @param next null when the state ends its States block
 * @param result the Result field, or null when absent (the effective input is the result)
 * @param resultTooLarge Result alone exceeds {@link Limits#PAYLOAD_BYTES}: AWS fails the state
 * @param assign may be null
 */
public record PassState(String name, String next, Dataflow dataflow, JsonNode result, boolean resultTooLarge,
                        Assign assign) implements State {

    @Override
    public StateType type() {
        return StateType.PASS;
    }
}
