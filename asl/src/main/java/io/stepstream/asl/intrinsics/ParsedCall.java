package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.eval.Bindings;
import io.stepstream.asl.eval.Entropy;

/** A parsed expression and its source text, which AWS quotes in every failure. */
final class ParsedCall implements IntrinsicCall {

    private final String source;
    private final Expr.Call root;

    ParsedCall(String source, Expr.Call root) {
        this.source = source;
        this.root = root;
    }

    @Override
    public JsonNode evaluate(Bindings bindings, Entropy entropy) {
        try {
            return new Interpreter(bindings, entropy).evaluate(root);
        } catch (IntrinsicFailure failure) {
            // AWS names the whole expression as written, even when a nested call failed.
            throw AslException.runtime("The function '" + source + "' had the following error: "
                    + failure.detail());
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
