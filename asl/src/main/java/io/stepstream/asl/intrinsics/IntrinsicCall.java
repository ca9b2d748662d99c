package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Bindings;
import io.stepstream.asl.eval.Entropy;

/** A parsed intrinsic function call, evaluated many times. */
public interface IntrinsicCall {

    /** Evaluates the call; failures are thrown as {@link io.stepstream.asl.errors.AslException}. */
    JsonNode evaluate(Bindings bindings, Entropy entropy);
}
