package io.stepstream.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.eval.Variables;
import java.util.Objects;

/**
 * Everything a JSONata expression of a state can see: the {@code $states} object, the workflow
 * variables ({@code $name}), the event time behind {@code $now()} and {@code $millis()}, the
 * entropy behind {@code $random()} and {@code $uuid()}, and the evaluation budget. The
 * interpreter never reads a clock: the time is the event's.
 *
 * @param input {@code $states.input}; never null (a JSON null node when the input is null)
 * @param context {@code $states.context}, the context object; never null
 * @param result {@code $states.result} (Task, Map and Parallel Output/Assign); null when absent
 * @param errorOutput {@code $states.errorOutput} (a Catcher's Output/Assign); null when absent
 * @param variables never null; an unassigned variable reads as undefined, as on AWS
 * @param nowEpochMillis the time of the event being processed, in epoch milliseconds
 * @param entropy never null
 * @param budget never null
 */
public record JsonataEnvironment(JsonNode input, JsonNode context, JsonNode result, JsonNode errorOutput,
                                 Variables variables, long nowEpochMillis, Entropy entropy,
                                 EvaluationBudget budget) {

    public JsonataEnvironment {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(entropy, "entropy");
        Objects.requireNonNull(budget, "budget");
    }

    /** A state's environment before it has a result, with AWS's budget. */
    public static JsonataEnvironment of(JsonNode input, JsonNode context, Variables variables,
                                        long nowEpochMillis, Entropy entropy) {
        return new JsonataEnvironment(input, context, null, null, variables, nowEpochMillis, entropy,
                EvaluationBudget.AWS);
    }

    /** The same environment with {@code $states.result}. */
    public JsonataEnvironment withResult(JsonNode newResult) {
        return new JsonataEnvironment(input, context, Objects.requireNonNull(newResult, "result"), errorOutput,
                variables, nowEpochMillis, entropy, budget);
    }

    /** The same environment with {@code $states.errorOutput}. */
    public JsonataEnvironment withErrorOutput(JsonNode newErrorOutput) {
        return new JsonataEnvironment(input, context, result, Objects.requireNonNull(newErrorOutput, "errorOutput"),
                variables, nowEpochMillis, entropy, budget);
    }

    /** The same environment with another budget. */
    public JsonataEnvironment withBudget(EvaluationBudget newBudget) {
        return new JsonataEnvironment(input, context, result, errorOutput, variables, nowEpochMillis, entropy,
                newBudget);
    }
}
