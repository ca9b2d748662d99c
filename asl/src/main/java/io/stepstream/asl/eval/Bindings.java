package io.stepstream.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a JSONPath expression can see: the data {@code $}, the context object {@code $$} and the
 * workflow variables {@code $name}. The context object may be given as a supplier, built on first
 * use, because most states never read it and building it was half the interpreter's time.
 */
public final class Bindings {
    private final JsonNode data;
    private final Supplier<JsonNode> contextSupplier;
    private JsonNode context;
    private final Variables variables;

    public Bindings(JsonNode data, JsonNode context, Variables variables) {
        this(data, (Supplier<JsonNode>) null, variables);
        this.context = Objects.requireNonNull(context, "context");
    }

    public Bindings(JsonNode data, Supplier<JsonNode> contextSupplier, Variables variables) {
        this.data = Objects.requireNonNull(data, "data");
        this.contextSupplier = contextSupplier;
        this.variables = Objects.requireNonNull(variables, "variables");
    }

    /** Never null (a JSON null node when the data is null). */
    public JsonNode data() {
        return data;
    }

    /** Never null. */
    public Variables variables() {
        return variables;
    }

    /** The context object; never null. */
    public JsonNode context() {
        if (context == null) {
            context = contextSupplier.get();
        }
        return context;
    }

    /** The same context and variables over other data. */
    public Bindings withData(JsonNode newData) {
        return context != null ? new Bindings(newData, context, variables) : new Bindings(newData, contextSupplier, variables);
    }
}
