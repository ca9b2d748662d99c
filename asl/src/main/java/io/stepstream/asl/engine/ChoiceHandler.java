package io.stepstream.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslError;
import io.stepstream.asl.errors.ErrorNames;
import io.stepstream.asl.eval.Environment;
import io.stepstream.asl.model.ChoiceState;
import java.util.Map;

/**
 * Choice: the first rule that holds decides the next state and whose Assign/Output apply; the
 * state-level ones apply only on the way to Default.
 */
final class ChoiceHandler implements StateHandler<ChoiceState> {
    @Override
    public Outcome run(Frame frame, ChoiceState state, Run run) {
        Environment env = run.env(frame, null);
        JsonNode effective = state.dataflow().input(frame.input, env);
        for (ChoiceState.Choice choice : state.choices()) {
            if (Boolean.TRUE.equals(choice.condition().evaluate(effective, env))) {
                Map<String, JsonNode> assigned = run.evaluate(frame, choice.assign(), frame.input, effective, env);
                var dataflow = choice.output() != null ? choice.output() : state.dataflow();
                JsonNode output = dataflow.output(frame.input, effective, env);
                run.assign(frame, assigned);
                return new Outcome.Next(choice.next(), output);
            }
        }
        if (state.defaultNext() == null) {
            return new Outcome.Failed(new AslError(ErrorNames.NO_CHOICE_MATCHED, "No Matches!"));
        }
        Map<String, JsonNode> assigned = run.evaluate(frame, state.assign(), frame.input, effective, env);
        JsonNode output = state.dataflow().output(frame.input, effective, env);
        run.assign(frame, assigned);
        return new Outcome.Next(state.defaultNext(), output);
    }
}
