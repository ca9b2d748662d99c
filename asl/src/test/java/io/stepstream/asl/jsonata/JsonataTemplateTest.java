package io.stepstream.asl.jsonata;

import static io.stepstream.asl.jsonata.Environments.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.errors.ErrorNames;
import io.stepstream.asl.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonataTemplateTest {

    private static JsonNode evaluate(String templateJson, String field, String inputJson) {
        return JsonataTemplate.compile(Json.parse(templateJson), field).evaluate(input(inputJson));
    }

    private static String cause(String templateJson, String field, String inputJson) {
        AslException e = assertThrows(AslException.class, () -> evaluate(templateJson, field, inputJson));
        assertEquals(ErrorNames.QUERY_EVALUATION_ERROR, e.error().error());
        return e.error().cause();
    }

    @Test
    void evaluatesExpressionsAtAnyDepthAndKeepsEverythingElseLiteral() {
        String template = """
                {"a": "{% $states.input.x %}", "b": [1, "{% $states.input.x + 1 %}", {"c": "{%$states.input.x%}"}],
                 "literal": " {% states.input %} ", "path": "$.x", "jsonpath.$": "$", "n": null, "f": 0.1}""";
        assertEquals(Json.parse("""
                {"a": 1, "b": [1, 2, {"c": 1}], "literal": " {% states.input %} ", "path": "$.x",
                 "jsonpath.$": "$", "n": null, "f": 0.1}"""), evaluate(template, "Output", "{\"x\":1}"));
    }

    @Test
    void aWholeFieldCanBeOneExpressionOfAnyType() {
        assertEquals(Json.parse("[1,2]"), evaluate("\"{% $states.input.items %}\"", "Items", "{\"items\":[1,2]}"));
        assertEquals(Json.parse("true"), evaluate("\"{% $states.input.c = 'x' %}\"", "Condition", "{\"c\":\"x\"}"));
    }

    @Test
    void literalTemplatesAreReturnedAsTheyAre() {
        JsonNode literal = Json.parse("{\"a\":[1,2],\"b\":\"$.x\"}");
        JsonataTemplate template = JsonataTemplate.compile(literal, "Output");
        assertTrue(template.isLiteral());
        assertSame(literal, template.evaluate(input("{}")));
        assertFalse(JsonataTemplate.compile(Json.parse("[\"{% 1 %}\"]"), "Items").isLiteral());
    }

    @Test
    void recognisesOnlyStringsDelimitedExactly() {
        assertTrue(JsonataTemplate.isExpression(Json.parse("\"{% 1 %}\"")));
        assertFalse(JsonataTemplate.isExpression(Json.parse("\" {% 1 %}\"")));
        assertFalse(JsonataTemplate.isExpression(Json.parse("\"{% 1 %} \"")));
        assertFalse(JsonataTemplate.isExpression(Json.parse("\"{%}\"")));
        assertFalse(JsonataTemplate.isExpression(Json.parse("1")));
    }

    @Test
    void undefinedNamesTheFieldPathLikeAws() {
        assertEquals("The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).",
                cause("{\"result\": \"{% $doesNotExist %}\"}", "Output", "{}"));
        assertEquals("The JSONata expression '$doesNotExist' specified for the field 'Arguments' returned nothing (undefined).",
                cause("\"{% $doesNotExist %}\"", "Arguments", "{}"));
        assertEquals("The JSONata expression '$states.input.x' specified for the field 'Output/a/b[1]' returned nothing (undefined).",
                cause("{\"a\": {\"b\": [1, \"{% $states.input.x %}\"]}}", "Output", "{}"));
    }

    @Test
    void errorsEndTheSentenceBeforeACodeAndRunOnIntoABoundMessage() {
        assertEquals("The JSONata expression '$randomSeeded($states.input.FunctionInput.fst)' specified for the field "
                        + "'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a non-function",
                cause("{\"FunctionResult\": \"{% $randomSeeded($states.input.FunctionInput.fst) %}\"}", "Output", "{}"));
        assertEquals("The JSONata expression '[1..900000] ~> $count()' specified for the field 'Output/r' threw an error "
                        + "during evaluation: " + EvaluationFailure.MEMORY_LIMIT,
                cause("{\"r\": \"{% [1..900000] ~> $count() %}\"}", "Output", "{}"));
    }

    @Test
    void unexpectedTypeReadsLikeAws() {
        JsonataTemplate items = JsonataTemplate.compile(Json.parse("\"{% {'foo': 'bar'} %}\""), "Items");
        JsonNode value = items.evaluate(input("{}"));
        assertEquals("The JSONata expression '{'foo': 'bar'}' specified for the field 'Items' returned an unexpected result "
                + "type. Expected 'array', but was 'object' for value: {\"foo\":\"bar\"}",
                items.unexpectedType("array", value).error().cause());
        JsonataTemplate variable = JsonataTemplate.compile(Json.parse("\"{% $ItemsVar %}\""), "Items");
        assertEquals("The JSONata expression '$ItemsVar' specified for the field 'Items' returned an unexpected result "
                + "type. Expected 'array', but was 'string' for value: \"string\"",
                variable.unexpectedType("array", Json.parse("\"string\"")).error().cause());
    }

    @Test
    void assignEvaluatesEveryValueAgainstTheVariablesAsTheyWere() {
        JsonataEnvironment env = Environments.withVariables("{}", Map.of("a", "1", "x", "2"));
        JsonNode assigned = JsonataTemplate.compile(Json.parse("{\"x\": \"{% $a %}\", \"a\": \"{% $x %}\"}"), "Assign")
                .evaluate(env);
        assertEquals(Json.parse("{\"x\": 1, \"a\": 2}"), assigned);
    }

    @Test
    void compileErrorsAreLocatedAtTheMember() {
        InvalidJsonataException e = assertThrows(InvalidJsonataException.class,
                () -> JsonataTemplate.compile(Json.parse("{\"v\": [0, \"{% phone %}\"]}"), "Output"));
        assertEquals(InvalidJsonataException.UNSUPPORTED_JSONATA_EXPRESSION, e.code());
        assertEquals("Reference to 'phone' at the top level is not supported.", e.getMessage());
        assertEquals("Output/v/1", e.location());
        InvalidJsonataException empty = assertThrows(InvalidJsonataException.class,
                () -> JsonataTemplate.compile(Json.parse("\"{%%}\""), "Output"));
        assertEquals(InvalidJsonataException.INVALID_JSONATA_EXPRESSION, empty.code());
        assertEquals("Output", empty.location());
    }

    @Test
    void expressionsOfOneTemplateShareTheStatesObjectButNotTheirChanges() {
        JsonNode out = evaluate("{\"a\": \"{% $append($states.input.x, 4) %}\", \"b\": \"{% $states.input.x %}\"}",
                "Output", "{\"x\":[1,2,3]}");
        assertEquals(Json.parse("{\"a\":[1,2,3,4],\"b\":[1,2,3]}"), out);
    }
}
