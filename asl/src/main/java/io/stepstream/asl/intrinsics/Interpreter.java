package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Bindings;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.path.Path;
import java.util.ArrayList;
import java.util.List;

/** Evaluates a syntax tree against the bindings of one state. One instance per evaluation. */
final class Interpreter implements Expr.Visitor<JsonNode> {

    private final Bindings bindings;
    private final Entropy entropy;

    Interpreter(Bindings bindings, Entropy entropy) {
        this.bindings = bindings;
        this.entropy = entropy;
    }

    JsonNode evaluate(Expr expr) {
        return expr.accept(this);
    }

    @Override
    public JsonNode visitString(Expr.StringLiteral expr) {
        return Json.NODES.textNode(expr.value());
    }

    @Override
    public JsonNode visitNumber(Expr.NumberLiteral expr) {
        return expr.value();
    }

    @Override
    public JsonNode visitBoolean(Expr.BooleanLiteral expr) {
        return Json.NODES.booleanNode(expr.value());
    }

    @Override
    public JsonNode visitNull(Expr.NullLiteral expr) {
        return Json.NODES.nullNode();
    }

    @Override
    public JsonNode visitPath(Expr.PathArgument expr) {
        JsonNode value = expr.path().select(bindings);
        if (value == null) {
            throw new IntrinsicFailure("The JsonPath argument for the field '" + shownPath(expr.path())
                    + "' could not be found in the input '" + Json.write(bindings.data()) + "'");
        }
        return value;
    }

    @Override
    public JsonNode visitCall(Expr.Call expr) {
        List<JsonNode> values = new ArrayList<>(expr.arguments().size());
        List<String> rawLiterals = new ArrayList<>(expr.arguments().size());
        for (Expr argument : expr.arguments()) {
            values.add(evaluate(argument));
            rawLiterals.add(argument instanceof Expr.StringLiteral literal ? literal.raw() : null);
        }
        IntrinsicFunction function = expr.function();
        return function.apply(Arguments.checked(function, values, rawLiterals), entropy);
    }

    /**
     * AWS names a missed context path as if it were rooted at the data ({@code $$.A} is reported as
     * {@code $.A}) while printing the state input.
     */
    private static String shownPath(Path path) {
        return path.root() == Path.Root.CONTEXT ? path.text().substring(1) : path.text();
    }
}
