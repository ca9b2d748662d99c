package io.stepstream.asl.model;

import io.stepstream.asl.dataflow.Assign;
import io.stepstream.asl.dataflow.Dataflow;
import java.util.List;

/**
 * A Choice state.
 *
 * @param defaultNext null when there is no Default
 * @param assign the state-level Assign, evaluated only when no rule matches; may be null
 */
public record ChoiceState(String name, Dataflow dataflow, List<Choice> choices, String defaultNext, Assign assign)
        implements State {

    public ChoiceState {
        choices = List.copyOf(choices);
    }

    /**
     * One top-level Choice Rule with its target.
     *
     * @param condition evaluated on the effective input
     * @param assign the rule's Assign; may be null
     * @param output the rule's JSONata Output; null to use the state's data flow
     */
    public record Choice(Evaluable<Boolean> condition, String next, Assign assign, Dataflow output) {}

    @Override
    public StateType type() {
        return StateType.CHOICE;
    }
}
