package io.stepstream.asl.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Environment;
import io.stepstream.asl.jsonata.JsonataEnvironment;
import io.stepstream.asl.jsonata.JsonataTemplate;
import java.util.Map;

/**
 * The JSONata data flow: Arguments (default: the state input) and Output (default: the result,
 * or the input for states without one).
 *
 * @param arguments may be null
 * @param output may be null
 */
public record JsonataDataflow(JsonataTemplate arguments, JsonataTemplate output) implements Dataflow {

    public static final JsonataDataflow IDENTITY = new JsonataDataflow(null, null);

    @Override
    public JsonNode input(JsonNode rawInput, Environment env) {
        return arguments == null ? rawInput : arguments.evaluate(environment(rawInput, env));
    }

    @Override
    public void inspect(JsonNode rawInput, JsonNode result, Environment env, Map<String, JsonNode> into) {
        into.put("afterArguments", input(rawInput, env));
    }

    @Override
    public JsonNode output(JsonNode rawInput, JsonNode result, Environment env) {
        return output == null ? result : output.evaluate(environment(rawInput, env).withResult(result));
    }

    /** {@code $states} and the rest as a JSONata expression of this state sees them. */
    public static JsonataEnvironment environment(JsonNode rawInput, Environment env) {
        return JsonataEnvironment.of(rawInput, env::context, env.variables(), env.nowMillis(), env.entropy());
    }
}
