package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;

/**
 * {@code States.MathAdd(a, b)}: the sum of two 32-bit integers; non-integers are rounded first
 * with Math.round ({@code 1.49 + 1.5 = 3}, {@code -1.5 -> -1}), as AWS does.
 */
final class StatesMathAdd extends IntrinsicFunction {

    StatesMathAdd() {
        super("States.MathAdd", Signature.of(ArgType.NUMBER, ArgType.NUMBER));
    }

    @Override
    JsonNode apply(Arguments args, Entropy entropy) {
        try {
            return Json.NODES.numberNode(Math.addExact(args.integer(0), args.integer(1)));
        } catch (ArithmeticException overflow) {
            throw invalidArguments();
        }
    }
}
