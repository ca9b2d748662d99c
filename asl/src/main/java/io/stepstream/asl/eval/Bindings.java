package io.stepstream.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What a JSONPath expression can see: the data {@code $}, the context object {@code $$} and the
 * workflow variables {@code $name}.
 *
 * @param data never null (a JSON null node when the data is null)
 * @param context the context object; never null
 * @param variables never null
 */
public record Bindings(JsonNode data, JsonNode context, Variables variables) {

    public Bindings {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(variables, "variables");
    }

    /** The same context and variables over other data. */
    public Bindings withData(JsonNode newData) {
        return new Bindings(newData, context, variables);
    }
}
