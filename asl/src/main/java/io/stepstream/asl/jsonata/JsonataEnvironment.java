package io.stepstream.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.eval.Variables;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything a JSONata expression of a state can see: the {@code $states} object, the workflow
 * variables ({@code $name}), the event time behind {@code $now()} and {@code $millis()}, the
 * entropy behind {@code $random()} and {@code $uuid()}, and the evaluation budget. The
 * interpreter never reads a clock: the time is the event's.
 *
 * @param input {@code $states.input}; never null (a JSON null node when the input is null)
 * @param contextObject supplies {@code $states.context}, the context object, built only when an
 *     expression reads it; never null
 * @param result {@code $states.result} (Task, Map and Parallel Output/Assign); null when absent
 * @param errorOutput {@code $states.errorOutput} (a Catcher's Output/Assign); null when absent
 * @param variables never null; an unassigned variable reads as undefined, as on AWS
 * @param nowEpochMillis the time of the event being processed, in epoch milliseconds
 * @param entropy never null
 * @param budget never null
 */
public record JsonataEnvironment(JsonNode input, Supplier<JsonNode> contextObject, JsonNode result, JsonNode errorOutput,
                                 Variables variables, long nowEpochMillis, Entropy entropy,
                                 EvaluationBudget budget) {

    public JsonataEnvironment {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(contextObject, "contextObject");
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(entropy, "entropy");
        Objects.requireNonNull(budget, "budget");
    }

    /** A state's environment before it has a result, with AWS's budget. */
    public static JsonataEnvironment of(JsonNode input, JsonNode context, Variables variables,
                                        long nowEpochMillis, Entropy entropy) {
        Objects.requireNonNull(context, "context");
        return of(input, () -> context, variables, nowEpochMillis, entropy);
    }

    /** The same, with the context object built on first use. */
    public static JsonataEnvironment of(JsonNode input, Supplier<JsonNode> context, Variables variables,
                                        long nowEpochMillis, Entropy entropy) {
        return new JsonataEnvironment(input, context, null, null, variables, nowEpochMillis, entropy,
                EvaluationBudget.AWS);
    }

    /** {@code $states.context}; never null. */
    public JsonNode context() {
        return contextObject.get();
    }

    /** The same environment with {@code $states.result}. */
    public JsonataEnvironment withResult(JsonNode newResult) {
        return new JsonataEnvironment(input, contextObject, Objects.requireNonNull(newResult, "result"), errorOutput,
                variables, nowEpochMillis, entropy, budget);
    }

    /** The same environment with {@code $states.errorOutput}. */
    public JsonataEnvironment withErrorOutput(JsonNode newErrorOutput) {
        return new JsonataEnvironment(input, contextObject, result, Objects.requireNonNull(newErrorOutput, "errorOutput"),
                variables, nowEpochMillis, entropy, budget);
    }

    /** The same environment with another budget. */
    public JsonataEnvironment withBudget(EvaluationBudget newBudget) {
        return new JsonataEnvironment(input, contextObject, result, errorOutput, variables, nowEpochMillis, entropy,
                newBudget);
    }
}
