package io.stepstream.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Bindings;

/** A comparison operator of a data-test expression, applied to the value its Variable selected. */
sealed interface Operator permits IsPresent, TypeTest, Comparison, StringMatches {

    /**
     * @param value what the Variable selected; never null here ({@link IsPresent} is handled
     *     before a missing value becomes an error)
     * @param bindings for the {@code ...Path} operands
     */
    boolean test(JsonNode value, Bindings bindings);
}
