package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Bindings;
import io.stepstream.asl.eval.Entropy;

/** A parsed intrinsic function call, evaluated many times. Immutable and thread-safe. */
public interface IntrinsicCall {

    /**
     * Evaluates the call. Never returns null; the result may share nodes with the bindings and must
     * be treated as read-only. Failures are thrown as {@link io.stepstream.asl.errors.AslException}
     * carrying {@code States.Runtime} and AWS's cause ("The function '...' had the following error:
     * ..."), without the state prefix the engine adds.
     */
    JsonNode evaluate(Bindings bindings, Entropy entropy);
}
