package io.stepstream.asl.intrinsics;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.asl.eval.Bindings;
import io.stepstream.asl.eval.Variables;
import io.stepstream.asl.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What parses, what does not, and where the error is. */
class IntrinsicsParserTest {

    @Test
    void recognisesCallsByTheStatesPrefix() {
        assertTrue(Intrinsics.isCall("States.UUID()"));
        assertFalse(Intrinsics.isCall("$.States"));
        assertFalse(Intrinsics.isCall("states.UUID()"));
        assertFalse(Intrinsics.isCall(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.Format('{}', $.a)",
        "States.StringToJson($.a)",
        "States.JsonToString($.a)",
        "States.Array()",
        "States.Array(1, 'a', true, false, null, $.a, $$.Execution.Name, $var.x)",
        "States.ArrayPartition($.a, 2)",
        "States.ArrayContains($.a, 2)",
        "States.ArrayRange(1, 9, 2)",
        "States.ArrayGetItem($.a, 0)",
        "States.ArrayLength($.a)",
        "States.ArrayUnique($.a)",
        "States.Base64Encode($.a)",
        "States.Base64Decode($.a)",
        "States.Hash($.a, 'SHA-1')",
        "States.JsonMerge($.a, $.b, false)",
        "States.MathRandom(1, 9)",
        "States.MathRandom(1, 9, 42)",
        "States.MathAdd(-1, 1.5)",
        "States.StringSplit($.a, ',')",
        "States.UUID()",
    })
    void parsesEveryFunctionAwsProvides(String expression) {
        assertDoesNotThrow(() -> Intrinsics.parse(expression));
    }

    @Test
    void knowsExactlyTheEighteenFunctions() {
        assertEquals(18, Functions.count());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.Format( 'a{}' ,  $.a )",
        "States.Format('a{}',$.a)",
        "States.Format ('a{}', $.a)  ",
        "States.Array(\n1,\t2)",
    })
    void allowsBlanksBetweenTokens(String expression) {
        assertDoesNotThrow(() -> Intrinsics.parse(expression));
    }

    @Test
    void acceptsUnescapedBracesAndDoubleQuotesInStringsAsAwsDoes() {
        // Recorded: States.StringToJson('{"constant_in_literal": "false"}') ran on AWS.
        assertEquals("{\"a\": \"b\"}", evaluateOnEmpty("States.Format('{\"a\": \"b\"}')"));
    }

    @Test
    void keepsCommasAndParenthesesInsidePathBracketsInOneArgument() {
        var bindings = new Bindings(Json.parse("{\"a,b\": 1, \"items\": [{\"n\": 1}, {\"n\": 2}]}"),
                Json.NODES.objectNode(), Variables.NONE);
        assertEquals(Json.parse("[1]"), Intrinsics.parse("States.Array($['a,b'])").evaluate(bindings, new FixedEntropy()));
        assertEquals(Json.parse("1"),
                Intrinsics.parse("States.ArrayLength($.items[?(@.n > 1)])").evaluate(bindings, new FixedEntropy()));
    }

    @Test
    void rejectsAnUnknownFunctionAtItsName() {
        IntrinsicSyntaxException e = assertThrows(IntrinsicSyntaxException.class,
                () -> Intrinsics.parse("States.Array(States.Nope())"));
        assertEquals(13, e.position());
        assertTrue(e.reason().contains("States.Nope"), e.getMessage());
    }

    @Test
    void functionNamesAreCaseSensitive() {
        assertThrows(IntrinsicSyntaxException.class, () -> Intrinsics.parse("States.uuid()"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.ArrayRange(1, 5)",
        "States.ArrayRange(1, 5, 1, 99)",
        "States.UUID(1)",
        "States.Format()",
        "States.MathRandom(1)",
        "States.MathRandom(1, 2, 3, 4)",
        "States.JsonMerge($.a, $.b)",
    })
    void rejectsTheWrongNumberOfArguments(String expression) {
        IntrinsicSyntaxException e = assertThrows(IntrinsicSyntaxException.class, () -> Intrinsics.parse(expression));
        assertEquals(0, e.position());
        assertTrue(e.reason().contains("takes"), e.getMessage());
    }

    @Test
    void rejectsAnEscapedDoubleQuoteAsAwsDoesAtCreateTime() {
        // Conformance case test_illegal_escapes: AWS rejects the definition.
        String expression = "States.Format('He said, \\\"Hello, {}!\\\"', 'Test \\\"Name\\\" Here')";
        IntrinsicSyntaxException e = assertThrows(IntrinsicSyntaxException.class, () -> Intrinsics.parse(expression));
        assertEquals(expression.indexOf('\\'), e.position());
    }

    @Test
    void acceptsTheFourEscapes() {
        assertEquals("it's {x} \\", evaluateOnEmpty("States.Format('it\\'s \\{x\\} \\\\')"));
    }

    @Test
    void rejectsADanglingBackslash() {
        IntrinsicSyntaxException e = assertThrows(IntrinsicSyntaxException.class,
                () -> Intrinsics.parse("States.Format('abc\\"));
        assertEquals(18, e.position());
    }

    @Test
    void rejectsAnUnterminatedString() {
        IntrinsicSyntaxException e = assertThrows(IntrinsicSyntaxException.class,
                () -> Intrinsics.parse("States.Format('abc)"));
        assertEquals(14, e.position());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.UUID() x",
        "States.UUID()()",
        "States.Array(1,)",
        "States.Array(1 2)",
        "States.Array(1",
        "States.Array",
        "States.Array(-)",
        "States.Array(01)",
        "States.Array(1e)",
        "States.Array(#)",
        "States.Array(abc)",
        "States.Array($.a[)",
        "States.Array($.a..)",
        "'a'",
        "",
    })
    void rejectsMalformedExpressions(String expression) {
        assertThrows(IntrinsicSyntaxException.class, () -> Intrinsics.parse(expression));
    }

    @Test
    void reportsThePositionOfAnUnexpectedToken() {
        IntrinsicSyntaxException e = assertThrows(IntrinsicSyntaxException.class, () -> Intrinsics.parse("States.Array(1 2)"));
        assertEquals(15, e.position());
        assertTrue(e.getMessage().endsWith("at position 15"), e.getMessage());
    }

    @Test
    void allowsCallsNestedTenDeep() {
        assertEquals("[[[[[[[[[[]]]]]]]]]]", Json.write(Intrinsics.parse(nested(10))
                .evaluate(new Bindings(Json.NODES.objectNode(), Json.NODES.objectNode(), Variables.NONE), new FixedEntropy())));
    }

    @Test
    void rejectsCallsNestedElevenDeep() {
        IntrinsicSyntaxException e = assertThrows(IntrinsicSyntaxException.class, () -> Intrinsics.parse(nested(11)));
        assertEquals(10 * "States.Array(".length(), e.position());
    }

    @Test
    void parsesNumbersAsJsonNumbers() {
        assertEquals("[-1,1.5,1000.0,0]", Json.write(Json.parse(Json.write(
                Intrinsics.parse("States.Array(-1, 1.5, 1e3, -0)").evaluate(
                        new Bindings(Json.NODES.objectNode(), Json.NODES.objectNode(), Variables.NONE), new FixedEntropy())))));
    }

    private static String nested(int depth) {
        return "States.Array(".repeat(depth) + ")".repeat(depth);
    }

    private static String evaluateOnEmpty(String expression) {
        return Intrinsics.parse(expression)
                .evaluate(new Bindings(Json.NODES.objectNode(), Json.NODES.objectNode(), Variables.NONE), new FixedEntropy())
                .textValue();
    }
}
