package io.stepstream.asl.jsonata;

import static io.stepstream.asl.jsonata.Environments.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.errors.ErrorNames;
import io.stepstream.asl.json.Json;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonataExpressionTest {

    private static JsonNode eval(String expression, String inputJson) {
        return JsonataExpression.compile(expression).evaluate(input(inputJson));
    }

    private static String failure(String expression, String inputJson) {
        AslException e = assertThrows(AslException.class, () -> eval(expression, inputJson));
        assertEquals(ErrorNames.QUERY_EVALUATION_ERROR, e.error().error());
        return e.error().cause();
    }

    @Test
    void readsStatesInputAndContext() {
        assertEquals(Json.parse("[1,2,3]"), eval("$states.input.x", "{\"x\":[1,2,3]}"));
        assertEquals(Json.parse("\"S\""), eval("$states.context.State.Name", "{}"));
        assertEquals(Json.parse("7"), eval("$sum($states.input.x) + 1", "{\"x\":[1,2,3]}"));
    }

    @Test
    void exposesResultAndErrorOutputOnlyWhenPresent() {
        JsonataExpression expression = JsonataExpression.compile("[$states.result, $states.errorOutput]");
        JsonataEnvironment env = input("{}");
        assertEquals(Json.parse("[]"), expression.evaluate(env));
        assertEquals(Json.parse("[1, {\"Error\":\"E\"}]"),
                expression.evaluate(env.withResult(Json.parse("1")).withErrorOutput(Json.parse("{\"Error\":\"E\"}"))));
    }

    @Test
    void returnsNullForUndefinedAndNullNodeForJsonNull() {
        assertNull(eval("$states.input.missing", "{}"));
        assertEquals(Json.NODES.nullNode(), eval("$states.input.bar", "{\"bar\":null}"));
        assertEquals(Json.parse("{\"v\":null}"), eval("{\"v\": $states.input.bar}", "{\"bar\":null}"));
        assertEquals(Json.parse("{}"), eval("{\"v\": $states.input.missing}", "{}"));
    }

    @Test
    void keepsIntegersIntegralAndKeyOrder() {
        assertEquals("3", Json.write(eval("$states.input.n", "{\"n\":3.0}")));
        assertEquals("3", Json.write(eval("6/2", "{}")));
        assertEquals("0.30000000000000004", Json.write(eval("0.1+0.2", "{}")));
        assertEquals("100000000000000000000", Json.write(eval("1e20", "{}")));
        assertEquals("9007199254740993", Json.write(eval("$states.input.big", "{\"big\":9007199254740993}")));
        assertEquals("{\"z\":1,\"a\":{\"y\":2,\"b\":3}}", Json.write(eval("$states.input", "{\"z\":1,\"a\":{\"y\":2,\"b\":3}}")));
        assertTrue(eval("$states.input.n", "{\"n\":3.0}").isIntegralNumber());
    }

    @Test
    void readsWorkflowVariablesAndTreatsUnassignedOnesAsUndefined() {
        JsonataEnvironment env = Environments.withVariables("{}", Map.of("x", "{\"y\":5}", "list", "[1,2]"));
        assertEquals(Json.parse("5"), JsonataExpression.compile("$x.y").evaluate(env));
        assertEquals(Json.parse("3"), JsonataExpression.compile("$sum($list)").evaluate(env));
        assertNull(JsonataExpression.compile("$doesNotExist").evaluate(env));
        assertEquals(Json.parse("1"), JsonataExpression.compile("($x := 1; $x)").evaluate(env));
    }

    @Test
    void reportsVariableAndStatesReferences() {
        JsonataExpression expression = JsonataExpression.compile(
                "$states.result.a & $name & $map($states.input.items, function($v){ $v & $other })");
        assertEquals(Set.of("name", "map", "v", "other"), expression.variableReferences());
        assertEquals(Set.of("result", "input"), expression.statesReferences());
    }

    @Test
    void evaluationErrorsCarryTheJsonataCode() {
        assertEquals("T1006: Attempted to invoke a non-function", failure("$randomSeeded(1)", "{}"));
        assertEquals("D3137: boom", failure("$error(\"boom\")", "{}"));
        assertEquals("T0410: Argument 1 of function \"abs\" does not match function signature", failure("$abs('x')", "{}"));
    }

    @Test
    void evalIsNotOffered() {
        assertEquals("T1006: Attempted to invoke a non-function", failure("$eval(\"1+1\")", "{}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a[1,2)|Expected \"]\", got \",\"",
        "\"unterminated|String literal must be terminated by a matching quote",
        "1 +|Unexpected end of expression",
        "{\"a\":}|The symbol \"}\" cannot be used as a unary operator",
        "$x :=|Unexpected end of expression",
        "$match(\"a\", /abc|No terminating / in regular expression",
    })
    void rejectsUnparsableExpressionsWithTheParserMessageWithoutItsCode(String expression, String message) {
        InvalidJsonataException e = assertThrows(InvalidJsonataException.class, () -> JsonataExpression.compile(expression));
        assertEquals(InvalidJsonataException.INVALID_JSONATA_EXPRESSION, e.code());
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "phone|Reference to 'phone' at the top level is not supported.",
        "phone.number|Reference to 'phone' at the top level is not supported.",
        "$sum(a)|Reference to 'a' at the top level is not supported.",
        "{\"k\": phone}|Reference to 'phone' at the top level is not supported.",
        "phone & 'x'|Reference to 'phone' at the top level is not supported.",
        "$map($states.input.a, function($x){ b })|Reference to 'b' at the top level is not supported.",
        "$|Reference to '$' at the top level is not supported.",
        "$.a|Reference to '$' at the top level is not supported.",
        "$$|Reference to '$$' is not supported.",
        "$$.a|Reference to '$$' is not supported.",
        "$states.input.items[$$.a = 1]|Reference to '$$' is not supported.",
    })
    void rejectsReferencesToTheTopLevelContext(String expression, String message) {
        InvalidJsonataException e = assertThrows(InvalidJsonataException.class, () -> JsonataExpression.compile(expression));
        assertEquals(InvalidJsonataException.UNSUPPORTED_JSONATA_EXPRESSION, e.code());
        assertEquals(message, e.getMessage());
        assertEquals("UNSUPPORTED_JSONATA_EXPRESSION: " + message, e.diagnostic());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$states.input.items[value > 3]",
        "$states.input.items[$ > 3]",
        "$states.input.items.(name & $)",
        "$states.input.items^(name)",
        "$states.input.items{name: value}",
        "$states.input ~> |items|{\"done\": true}|",
        "$x.a.b",
        "($y := 1; $y + 1)",
        "$map($states.input.a, function($x){ $x.b })",
        "'phone'",
    })
    void acceptsNamesAndDollarInNestedContexts(String expression) {
        JsonataExpression.compile(expression);
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        JsonataExpression expression = JsonataExpression.compile("$sum($states.input.x) * $k");
        Thread[] threads = new Thread[4];
        String[] failures = new String[threads.length];
        for (int t = 0; t < threads.length; t++) {
            int k = t;
            threads[t] = new Thread(() -> {
                JsonataEnvironment env = Environments.withVariables("{\"x\":[1,2,3]}", Map.of("k", String.valueOf(k)));
                for (int i = 0; i < 2_000; i++) {
                    JsonNode value = expression.evaluate(env);
                    if (value.intValue() != 6 * k) {
                        failures[k] = "thread " + k + " got " + value;
                        return;
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (String f : failures) {
            assertNull(f);
        }
    }
}
