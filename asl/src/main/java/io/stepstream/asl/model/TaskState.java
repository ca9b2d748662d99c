package io.stepstream.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.dataflow.Assign;
import io.stepstream.asl.dataflow.Dataflow;
import java.util.List;

/**
 * A Task state.
 *
 * @param next null when the state ends its States block
 * @param credentials evaluates the Credentials object; null when absent
 * @param timeoutSeconds null when absent (AWS's default is effectively unlimited)
 * @param heartbeatSeconds null when absent
 * @param assign may be null
 */
public record TaskState(String name, String next, Dataflow dataflow, Resource resource,
                        Evaluable<JsonNode> credentials, Evaluable<Long> timeoutSeconds,
                        Evaluable<Long> heartbeatSeconds, List<Retrier> retriers, List<Catcher> catchers,
                        Assign assign) implements State {

    public TaskState {
        retriers = List.copyOf(retriers);
        catchers = List.copyOf(catchers);
    }

    @Override
    public StateType type() {
        return StateType.TASK;
    }
}
