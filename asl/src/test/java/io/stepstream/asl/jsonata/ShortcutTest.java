package io.stepstream.asl.jsonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The compile-time shortcuts give exactly what the library gives, value for value and error for error. */
class ShortcutTest {

    private static final List<String> DOCUMENTS = List.of(
            "{\"a\":{\"b\":[1,2],\"c\":{\"d\":\"x\"}}}",
            "{\"a\":[{\"b\":1},{\"b\":2}]}",
            "{\"a\":[{\"b\":1}]}",
            "{\"a\":[[1,2],[3]]}",
            "{\"a\":[]}",
            "{\"a\":{}}",
            "{\"a\":null}",
            "{\"a\":\"text\"}",
            "{\"a\":true}",
            "{\"a\":3.0}",
            "{\"a\":-0.0}",
            "{\"a\":1.5}",
            "{\"a\":1e21}",
            "{\"a\":1e300}",
            "{\"a\":12345678901}",
            "{\"a\":123456789012345678901234}",
            "{\"a\":{\"b\":{\"c\":null}}}",
            "{\"a\":{\"b\":[]}}",
            "{\"a\":{\"b\":[[]]}}",
            "{\"a\":{\"b\":[{\"c\":1}]}}",
            "{\"a\":{\"\":1},\"a b\":2}",
            "{\"a\":{\"b\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}}",
            "[1,2]",
            "[{\"a\":1}]",
            "\"text\"",
            "7",
            "null");

    private static final List<String> EXPRESSIONS = List.of(
            "$states.input", "$states.input.a", "$states.input.a.b", "$states.input.a.b.c", "$states.input.a.c.d",
            "$states.input.`a b`", "$states.input.missing.x", "$states.input.a.``",
            "$states.context.Execution.Id", "$states.context.State", "$states.context.Nothing.x",
            "$states.result", "$states.result.a", "$states.result.a.b", "$states.errorOutput", "$states.errorOutput.a",
            "$x", "$x.a", "$x.a.b", "$y", "$y.a", "$z", "$z.a", "$string", "$string.a", "$unassigned", "$unassigned.a",
            "$states.other", "$states.input.a[0]", "$states.input.a[]", "$states.input.a.b[]", "$states.input.a.*",
            "$states.input.a.b.$", "'abc'", "\"\"", "42", "1.5", "-1", "1e3", "true", "false", "null");

    private static final EvaluationBudget SMALL =
            new EvaluationBudget(Duration.ofSeconds(5), 100, 24, 16 * 24);

    private static List<JsonataEnvironment> environments() {
        List<JsonataEnvironment> environments = new ArrayList<>();
        for (String document : DOCUMENTS) {
            JsonataEnvironment env = Environments.withVariables(document,
                    Map.of("x", document, "y", "null", "z", "[1]", "string", "{\"a\":5}"));
            environments.add(env);
            environments.add(env.withResult(Json.parse(document)).withErrorOutput(Json.parse(document)));
            environments.add(env.withResult(Json.parse(document)).withBudget(SMALL));
        }
        return environments;
    }

    /** Values of {@code a} and {@code b} for the operators: every JSON type and the numbers the library treats apart. */
    private static final List<String> OPERANDS = List.of("1", "3.0", "-0.0", "0", "1.5", "100", "12345678901", "1e300",
            "\"Hello, Ann!\"", "\"m\"", "\"\"", "true", "false", "null", "[1]", "[]", "[[1,2],[3]]", "[{\"k\":1}]", "{}", "{\"k\":1,\"m\":3.0}",
            "{\"k\":\"v\"}");

    private static final List<String> OPERATORS = List.of(
            "$states.input.a & 'x'", "'x' & $states.input.a", "$states.input.a & $states.input.b",
            "'Hello, ' & $states.input.missing & '!'",
            "$states.input.a + 1", "$states.input.a - $states.input.b", "$states.input.a * 2.5", "$states.input.a / 0",
            "$states.input.a % 2", "1 / 3", "0.1 + 0.2", "$states.input.a + $states.input.missing",
            "$states.input.a >= 100", "$states.input.a < 1.5", "$states.input.a > 'm'", "$states.input.a <= $states.input.b",
            "$states.input.a < $states.input.missing", "$states.input.a > 0",
            "$states.input.a and true", "$states.input.a or false", "false and $states.input.a", "true or $states.input.a",
            "$states.input.a and $states.input.b", "$states.input.missing or $states.input.a",
            "$states.input.a >= 100 and $contains($states.input.b, /^Hel/)",
            "{'x': $states.input.a, 'y': 1}", "{'x': $states.input.missing}", "{'x': {'y': $states.input.b}}",
            "$contains($states.input.a, /^Hel/)", "$contains($states.input.a, 'ell')",
            "$contains($states.input.a, $states.input.b)", "$contains($states.input.a, /L+/i)",
            "$merge([$states.input, {'lane': 'priority'}])", "$merge([$states.input.a, $states.input.b])",
            "$merge([$states.input.a])", "$merge([$states.input, {'lines': $states.result}])",
            "$merge([$states.input.missing, $states.input.a])");

    @Test
    void everyPathAndLiteralGivesWhatTheLibraryGives() {
        assertEquals(EXPRESSIONS.size() * DOCUMENTS.size() * 3, compare(EXPRESSIONS, environments(), "$y.a", "$z.a", "$unassigned", "$unassigned.a"));
    }

    @Test
    void everyOperatorGivesWhatTheLibraryGivesOnEveryType() {
        List<JsonataEnvironment> environments = new ArrayList<>();
        for (String a : OPERANDS) {
            for (String b : OPERANDS) {
                String document = "{\"a\":" + a + ",\"b\":" + b + "}";
                environments.add(Environments.input(document).withResult(Json.parse(b)));
            }
            environments.add(Environments.input("{\"a\":" + a + "}"));
            // A variable named like a function hides it: the library fails, and so must the shortcut.
            environments.add(Environments.withVariables("{\"a\":" + a + ",\"b\":\"Hello\"}",
                    Map.of("merge", "{}", "contains", "1")));
            environments.add(Environments.input("{\"a\":" + a + "}").withBudget(SMALL));
        }
        assertEquals(OPERATORS.size() * environments.size(), compare(OPERATORS, environments, "$states.input.a / 0",
                "$states.input.a < $states.input.missing"));
    }

    /**
     * Compares every expression in every environment and checks that those with a shortcut take
     * it somewhere, but for {@code neverTaken} (whose every evaluation here is the library's business).
     */
    private static int compare(List<String> expressions, List<JsonataEnvironment> environments, String... neverTaken) {
        int compared = 0;
        List<String> untaken = new ArrayList<>();
        for (String text : expressions) {
            JsonataExpression fast = JsonataExpression.compile(text, true);
            JsonataExpression library = JsonataExpression.compile(text, false);
            int skipped = 0;
            for (JsonataEnvironment env : environments) {
                assertEquals(outcome(library, env), outcome(fast, env),
                        () -> text + " on " + Json.write(env.input()) + " with " + env.budget());
                compared++;
                skipped += fast.skipsLibrary(env) ? 1 : 0;
            }
            if (fast.hasShortcut() && skipped == 0) {
                untaken.add(text);
            }
        }
        assertEquals(List.of(neverTaken), untaken);
        return compared;
    }

    /** The value with its exact node class (3 and 3L differ), or the error. */
    private static String outcome(JsonataExpression expression, JsonataEnvironment env) {
        try {
            JsonNode value = expression.evaluate(env);
            return value == null ? "undefined" : describe(value);
        } catch (AslException e) {
            return "error " + e.error();
        }
    }

    private static String describe(JsonNode node) {
        StringBuilder out = new StringBuilder(node.getClass().getSimpleName()).append(':');
        if (node.isContainerNode()) {
            out.append(node.isArray() ? '[' : '{');
            node.fields().forEachRemaining(e -> out.append(e.getKey()).append('=').append(describe(e.getValue())).append(','));
            node.elements().forEachRemaining(e -> {
                if (node.isArray()) {
                    out.append(describe(e)).append(',');
                }
            });
            return out.append(node.isArray() ? ']' : '}').toString();
        }
        return out.append(Json.write(node)).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$states.input.order.items", "$states.input", "$x", "$x.a.b", "$states.context.Execution.Id",
        "'abc'", "42", "-1", "true", "null", "'Hello, ' & $states.input.customer.name & '!'",
        "$states.input.order.amount + $states.input.order.shipping",
        "$states.input.total >= 100 and $contains($states.input.greeting, /^Hello, /)",
        "$merge([$states.input, {'lane': 'priority'}])", "$merge([$states.input, {'lines': $states.result}])"})
    void plainPathsAndLiteralsHaveAShortcut(String text) {
        assertTrue(JsonataExpression.compile(text).hasShortcut());
    }

    @ParameterizedTest
    @ValueSource(strings = {"$states", "$states.input.a[0]", "$states.input.a[]", "$states.input.a.*",
        "$states.input.a.b.$", "$states.other.a", "$now()", "[1]", "-$x",
        "$x.a[0] + 1", "$x = 1", "$string($x)", "$merge($x)", "$merge([[$x]])", "{'a': 1, 'a': 2}", "{$x: 1}", "($x + 1)[0]",
        "$contains($x)", "$x.a ~> $string()", "$x ? 1 : 2"})
    void anythingMoreIsLeftToTheLibrary(String text) {
        assertFalse(JsonataExpression.compile(text).hasShortcut());
    }

    @Test
    void aPathReturnsTheInputsOwnNodeWithoutCopyingIt() {
        JsonataEnvironment env = Environments.input("{\"order\":{\"items\":[{\"sku\":\"A\"}]}}");
        JsonNode items = env.input().get("order").get("items");
        assertSame(items, JsonataExpression.compile("$states.input.order.items").evaluate(env));
    }
}
