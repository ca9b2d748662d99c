package io.stepstream.asl.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslError;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.eval.Bindings;
import io.stepstream.asl.eval.Variables;
import io.stepstream.asl.intrinsics.FixedEntropy;
import io.stepstream.asl.intrinsics.IntrinsicSyntaxException;
import io.stepstream.asl.json.Json;
import org.junit.jupiter.api.Test;

class PayloadTemplateTest {

    private static final JsonNode CONTEXT = Json.parse("{\"Execution\": {\"Name\": \"exec-1\"}, \"State\": {\"Name\": \"S\"}}");

    private static JsonNode evaluate(String template, String data) {
        return evaluate(template, data, Variables.NONE);
    }

    private static JsonNode evaluate(String template, String data, Variables variables) {
        return PayloadTemplate.compile(Json.parse(template))
                .evaluate(new Bindings(Json.parse(data), CONTEXT, variables), new FixedEntropy());
    }

    private static AslError failure(String template, String data) {
        return assertThrows(AslException.class, () -> evaluate(template, data)).error();
    }

    private static InvalidPathException compileError(String template) {
        return assertThrows(InvalidPathException.class, () -> PayloadTemplate.compile(Json.parse(template)));
    }

    @Test
    void aTemplateWithoutDollarKeysIsReturnedAsIsWithoutCopying() {
        JsonNode template = Json.parse("{\"a\": \"$.literal\", \"b\": [1, {\"c\": \"States.UUID()\"}]}");
        JsonNode result = PayloadTemplate.compile(template)
                .evaluate(new Bindings(Json.parse("{}"), CONTEXT, Variables.NONE), new FixedEntropy());
        assertSame(template, result);
    }

    @Test
    void constantPartsOfADynamicTemplateAreShared() {
        JsonNode template = Json.parse("{\"fixed\": {\"deep\": [1, 2]}, \"v.$\": \"$.x\"}");
        JsonNode result = PayloadTemplate.compile(template)
                .evaluate(new Bindings(Json.parse("{\"x\": 1}"), CONTEXT, Variables.NONE), new FixedEntropy());
        assertSame(template.get("fixed"), result.get("fixed"));
    }

    @Test
    void stripsTheSuffixAndSelectsFromTheData() {
        assertEquals(Json.parse("{\"v\": {\"b\": 2}, \"lit\": \"$.a\"}"),
                evaluate("{\"v.$\": \"$.a\", \"lit\": \"$.a\"}", "{\"a\": {\"b\": 2}}"));
    }

    @Test
    void evaluatesDollarKeysAtAnyDepthAndInsideArrays() {
        assertEquals(Json.parse("{\"o\": {\"p\": {\"v\": 1}}, \"list\": [{\"v\": 1}, \"x\", [{\"w\": 1}]]}"),
                evaluate("{\"o\": {\"p\": {\"v.$\": \"$.a\"}}, \"list\": [{\"v.$\": \"$.a\"}, \"x\", [{\"w.$\": \"$.a\"}]]}",
                        "{\"a\": 1}"));
    }

    @Test
    void aStringInAnArrayIsNeverEvaluated() {
        assertEquals(Json.parse("[\"$.a\", {\"v\": 1}]"), evaluate("[\"$.a\", {\"v.$\": \"$.a\"}]", "{\"a\": 1}"));
    }

    @Test
    void readsTheContextObjectAndVariables() {
        Variables variables = name -> "greeting".equals(name) ? Json.parse("{\"text\": \"hi\"}") : null;
        assertEquals(Json.parse("{\"name\": \"exec-1\", \"text\": \"hi\", \"all\": {\"text\": \"hi\"}}"),
                evaluate("{\"name.$\": \"$$.Execution.Name\", \"text.$\": \"$greeting.text\", \"all.$\": \"$greeting\"}",
                        "{}", variables));
    }

    @Test
    void callsIntrinsicFunctions() {
        assertEquals(Json.parse("{\"sum\": 3, \"id\": \"" + FixedEntropy.UUID_VALUE + "\"}"),
                evaluate("{\"sum.$\": \"States.MathAdd($.a, 2)\", \"id.$\": \"States.UUID()\"}", "{\"a\": 1}"));
    }

    @Test
    void readsVariablesInIntrinsicArguments() {
        // recorded: test_reference_assign BASE_REFERENCE_IN_INTRINSIC_FUNCTION (variables set by Assign)
        Variables variables = name -> Json.parse("""
                {"rawString": "Hello World", "encodedString": "SGVsbG8gV29ybGQ=", "inputString": "Hash this string",
                 "json1": {"a": 1, "b": 2}, "json2": {"c": 3, "d": 4}, "jsonString": "{\\"key\\":\\"value\\"}",
                 "jsonObject": {"test": "object"}, "value1": 5, "value2": 3, "csvString": "a,b,c,d,e",
                 "name": "John", "place": "LocalStack"}""").get(name);
        JsonNode result = evaluate("""
                {"encodingOps": {"encoded.$": "States.Base64Encode($rawString)", "decoded.$": "States.Base64Decode($encodedString)"},
                 "hashOps": {"hashValue.$": "States.Hash($inputString, 'SHA-256')"},
                 "jsonOps": {"mergedJson.$": "States.JsonMerge($json1, $json2, false)",
                             "parsedJson.$": "States.StringToJson($jsonString)",
                             "stringifiedJson.$": "States.JsonToString($jsonObject)"},
                 "mathOps": {"sum.$": "States.MathAdd($value1, $value2)"},
                 "stringOps": {"splitString.$": "States.StringSplit($csvString, ',')",
                               "formattedString.$": "States.Format('Hello {}, welcome to {}!', $name, $place)"}}""",
                "{}", variables);
        assertEquals(Json.parse("""
                {"encodingOps": {"decoded": "Hello World", "encoded": "SGVsbG8gV29ybGQ="},
                 "hashOps": {"hashValue": "1cac63f39fd68d8c531f27b807610fb3d50f0fc3f186995767fb6316e7200a3e"},
                 "jsonOps": {"parsedJson": {"key": "value"}, "mergedJson": {"a": 1, "b": 2, "c": 3, "d": 4},
                             "stringifiedJson": "{\\"test\\":\\"object\\"}"},
                 "mathOps": {"sum": 8},
                 "stringOps": {"formattedString": "Hello John, welcome to LocalStack!", "splitString": ["a", "b", "c", "d", "e"]}}"""),
                result);
    }

    @Test
    void aPathThatSelectsNothingFailsWithAwsCause() {
        // recorded: test_invalid_jsonpath INVALID_JSONPATH_IN_STRING_EXPR_JSONPATH
        AslError error = failure("{\"value.$\": \"$.no_such_jsonpath\"}", "{\"int-literal\": 0}");
        assertEquals("States.Runtime", error.error());
        assertEquals("The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input "
                + "'{\"int-literal\":0}'", error.cause());
    }

    @Test
    void aNestedMissNamesTheNestedKey() {
        assertEquals("The JSONPath '$.x' specified for the field 'inner.$' could not be found in the input '{}'",
                failure("{\"outer\": [{\"inner.$\": \"$.x\"}]}", "{}").cause());
    }

    @Test
    void aContextMissPrintsTheContextObject() {
        assertEquals("The JSONPath '$$.Nope' specified for the field 'c.$' could not be found in the input '"
                + Json.write(CONTEXT) + "'", failure("{\"c.$\": \"$$.Nope\"}", "{}").cause());
    }

    @Test
    void anExplicitNullIsSelected() {
        assertEquals(Json.parse("{\"v\": null}"), evaluate("{\"v.$\": \"$.n\"}", "{\"n\": null}"));
    }

    @Test
    void anIndefinitePathThroughAMissingFieldSelectsAnEmptyArray() {
        // recorded: test_json_path_array_wildcard_or_slice_with_no_input
        assertEquals(Json.parse("{\"item\": []}"), evaluate("{\"item.$\": \"$.item.items[1:5].itemValue\"}", "{}"));
        assertEquals(Json.parse("{\"item\": []}"), evaluate("{\"item.$\": \"$[*]\"}", "{}"));
    }

    @Test
    void aBackslashInAQuotedNameIsPartOfTheName() {
        // recorded: test_escape_sequence_parsing ESCAPE_SEQUENCES_JSONPATH
        assertEquals(Json.parse("{\"value\": \"Value\\\"\\\\\"}"),
                evaluate("{\"value.$\": \"$['Test\\\\\\\"\\\"Name\\\"']\"}", "{\"Test\\\\\\\"\\\"Name\\\"\": \"Value\\\"\\\\\"}"));
    }

    @Test
    void intrinsicFailuresKeepTheirCause() {
        assertEquals("The function 'States.MathAdd($.a, 1)' had the following error: Invalid arguments in States.MathAdd",
                failure("{\"v.$\": \"States.MathAdd($.a, 1)\"}", "{\"a\": \"x\"}").cause());
    }

    @Test
    void rejectsAValueThatIsNeitherPathNorCallWithAwsMessage() {
        InvalidPathException e = compileError("{\"x.$\": \"plain text\"}");
        assertEquals("The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call", e.getMessage());
        assertNull(e.getCause());
    }

    @Test
    void rejectsANonStringValue() {
        assertEquals("The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call",
                compileError("{\"a\": {\"x.$\": 5}}").getMessage());
    }

    @Test
    void rejectsAMalformedCallNamingTheFieldAndKeepingThePosition() {
        // recorded: test_illegal_escapes (SCHEMA_VALIDATION_FAILED for 'parsed.$')
        InvalidPathException e = compileError("{\"parsed.$\": \"States.Format('He said, \\\\\\\"Hello, {}!\\\\\\\"', 'x')\"}");
        assertEquals("The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call", e.getMessage());
        assertEquals(24, assertInstanceOf(IntrinsicSyntaxException.class, e.getCause()).position());
    }

    @Test
    void rejectsAnInvalidPath() {
        InvalidPathException e = compileError("{\"list\": [{\"p.$\": \"$.a..\"}]}");
        assertEquals("The value for the field 'p.$' must be a valid JSONPath or a valid intrinsic function call", e.getMessage());
        assertInstanceOf(InvalidPathException.class, e.getCause());
    }

    @Test
    void rejectsKeysThatCollideOnceTheSuffixIsRemoved() {
        compileError("{\"a\": 1, \"a.$\": \"$.x\"}");
    }
}
