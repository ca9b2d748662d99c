package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Entropy;

/**
 * One {@code States.*} function: its name, the arguments it declares (arity is checked when the
 * expression is parsed, types when it runs) and what it computes.
 */
abstract class IntrinsicFunction {

    private final String name;
    private final Signature signature;

    IntrinsicFunction(String name, Signature signature) {
        this.name = name;
        this.signature = signature;
    }

    final String name() {
        return name;
    }

    final Signature signature() {
        return signature;
    }

    /** Computes the result; arguments already have the declared types. */
    abstract JsonNode apply(Arguments args, Entropy entropy);

    final IntrinsicFailure invalidArguments() {
        return IntrinsicFailure.invalidArguments(name);
    }
}
