package io.stepstream.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Environment;

/**
 * A compiled field whose value depends on the state's data: a literal, a {@code ...Path}, an
 * intrinsic call or a JSONata expression, with AWS's error for that field built in.
 *
 * @param <T> the field's type
 */
@FunctionalInterface
public interface Evaluable<T> {

    T evaluate(JsonNode data, Environment env);

    static <T> Evaluable<T> constant(T value) {
        return (data, env) -> value;
    }
}
