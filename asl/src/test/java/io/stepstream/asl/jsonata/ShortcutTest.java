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

    @Test
    void everyPathAndLiteralGivesWhatTheLibraryGives() {
        List<JsonataEnvironment> environments = environments();
        int compared = 0;
        for (String text : EXPRESSIONS) {
            JsonataExpression fast = JsonataExpression.compile(text, true);
            JsonataExpression library = JsonataExpression.compile(text, false);
            for (JsonataEnvironment env : environments) {
                assertEquals(outcome(library, env), outcome(fast, env),
                        () -> text + " on " + Json.write(env.input()) + " with " + env.budget());
                compared++;
            }
        }
        assertEquals(EXPRESSIONS.size() * DOCUMENTS.size() * 3, compared);
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
        "'abc'", "42", "-1", "true", "null"})
    void plainPathsAndLiteralsHaveAShortcut(String text) {
        assertTrue(JsonataExpression.compile(text).hasShortcut());
    }

    @ParameterizedTest
    @ValueSource(strings = {"$states", "$states.input.a[0]", "$states.input.a[]", "$states.input.a.*", "$x.a + 1",
        "$states.input.a.b.$", "$states.other.a", "$now()", "[1]", "-$x"})
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
