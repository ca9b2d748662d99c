package io.stepstream.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything a state's data flow may read besides its input: the context object, the visible
 * variables, the entropy source and the event time. The context object is built on first use,
 * since most states never read it.
 */
public final class Environment {
    private final Supplier<JsonNode> contextSupplier;
    private final Variables variables;
    private final Entropy entropy;
    private final long nowMillis;
    private JsonNode context;

    public Environment(Supplier<JsonNode> context, Variables variables, Entropy entropy, long nowMillis) {
        this.contextSupplier = Objects.requireNonNull(context, "context");
        this.variables = Objects.requireNonNull(variables, "variables");
        this.entropy = Objects.requireNonNull(entropy, "entropy");
        this.nowMillis = nowMillis;
    }

    /** The context object ({@code $$} / {@code $states.context}); never null. */
    public JsonNode context() {
        if (context == null) {
            context = contextSupplier.get();
        }
        return context;
    }

    public Variables variables() {
        return variables;
    }

    public Entropy entropy() {
        return entropy;
    }

    /** The time of the event being applied, in epoch milliseconds; the interpreter's only "now". */
    public long nowMillis() {
        return nowMillis;
    }

    /** Bindings for a JSONPath evaluation over {@code data}. */
    public Bindings bindings(JsonNode data) {
        return new Bindings(data, this::context, variables);
    }
}
