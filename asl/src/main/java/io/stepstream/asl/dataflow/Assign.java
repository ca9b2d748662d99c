package io.stepstream.asl.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Environment;
import java.util.Map;

/** A compiled Assign block: evaluates every right-hand side against the values from before the state. */
public interface Assign {

    /**
     * The new variable values, in definition order.
     *
     * @param rawInput the state's raw input ({@code $states.input})
     * @param result what {@code $} means in JSONPath mode and {@code $states.result} (or
     *     {@code $states.errorOutput} in a Catcher) in JSONata mode
     */
    Map<String, JsonNode> evaluate(JsonNode rawInput, JsonNode result, Environment env);
}
