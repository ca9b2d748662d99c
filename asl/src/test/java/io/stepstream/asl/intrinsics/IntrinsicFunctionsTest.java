package io.stepstream.asl.intrinsics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslError;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.eval.Bindings;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.eval.Variables;
import io.stepstream.asl.json.Json;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every States.* function. Inputs and outputs marked "recorded" come from the conformance cases
 * recorded against AWS ({@code intrinsic_functions.*}); the rest follow the developer guide.
 */
class IntrinsicFunctionsTest {

    private static final JsonNode CONTEXT = Json.parse("""
            {"Execution": {"Name": "exec-1", "Input": {"FunctionInput": "a,b"}},
             "StateMachine": {"Id": "arn:aws:states:us-east-1:111111111111:stateMachine:my-machine", "Name": "my-machine"}}""");

    static JsonNode eval(String expression, String input) {
        return eval(expression, input, new FixedEntropy());
    }

    static JsonNode eval(String expression, String input, Entropy entropy) {
        return Intrinsics.parse(expression).evaluate(new Bindings(Json.parse(input), CONTEXT, Variables.NONE), entropy);
    }

    /** The function applied to {@code $.fst} (and {@code $.snd}, {@code $.trd}) of {@code input}. */
    static JsonNode call(String function, String input, int arity) {
        String[] names = {"$.fst", "$.snd", "$.trd"};
        return eval(function + "(" + String.join(", ", Arrays.copyOf(names, arity)) + ")", input);
    }

    static AslError failure(String expression, String input) {
        return assertThrows(AslException.class, () -> eval(expression, input)).error();
    }

    static void assertInvalidArguments(String expression, String input) {
        AslError error = failure(expression, input);
        String function = expression.substring(0, expression.indexOf('('));
        assertEquals("States.Runtime", error.error());
        assertEquals("The function '" + expression + "' had the following error: Invalid arguments in " + function,
                error.cause());
    }

    static void assertJson(String expected, JsonNode actual) {
        assertEquals(Json.parse(expected), actual);
    }

    @Nested
    class Format {
        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "\"\"                              | Formatting argument .",
            "\" \"                             | Formatting argument  .",
            "\"HelloWorld\"                    | Formatting argument HelloWorld.",
            "1.1                               | Formatting argument 1.1.",
            "1                                 | Formatting argument 1.",
            "true                              | Formatting argument true.",
            "null                              | Formatting argument null.",
            "\"{\\\"Arg1\\\": 1, \\\"Arg2\\\": []}\" | Formatting argument {\"Arg1\": 1, \"Arg2\": []}.",
        })
        void replacesThePlaceholderWithTheValue(String value, String expected) {
            // recorded: test_format_1
            assertEquals(expected, eval("States.Format('Formatting argument {}.', $.v)", "{\"v\": " + value + "}").textValue());
        }

        @Test
        void rendersObjectsTheWayJavaPrintsAMap() {
            // recorded: test_format_2 exec_hist_resp_7
            assertEquals("Formatting arguments fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}.",
                    eval("States.Format('Formatting arguments fst={} and snd={}.', $.fst, $.snd)",
                            "{\"fst\": {\"Arg1\": 1, \"Arg2\": []}, \"snd\": {\"Arg1\": 1, \"Arg2\": []}}").textValue());
        }

        @Test
        void rendersNestedValuesJavaStyleToo() {
            assertEquals("{a=[1, x, {b=null, c=true}], d=1.5}",
                    eval("States.Format('{}', $)", "{\"a\": [1, \"x\", {\"b\": null, \"c\": true}], \"d\": 1.5}").textValue());
        }

        @Test
        void rendersTheContextObject() {
            // recorded (with placeholders): test_context_json_path
            assertEquals("fst=exec-1 and snd={Id=arn:aws:states:us-east-1:111111111111:stateMachine:my-machine, Name=my-machine}.",
                    eval("States.Format('fst={} and snd={}.', $$.Execution.Name, $$.StateMachine)", "{}").textValue());
        }

        @Test
        void treatsEscapedBracesAsText() {
            assertEquals("{} is 1", eval("States.Format('\\{\\} is {}', 1)", "{}").textValue());
        }

        @Test
        void takesTheTemplateFromAPath() {
            assertEquals("Hello, my name is Arnav.",
                    eval("States.Format($.template, $.name)", "{\"name\": \"Arnav\", \"template\": \"Hello, my name is {}.\"}").textValue());
        }

        @Test
        void failsWhenValuesAndPlaceholdersDoNotMatch() {
            assertInvalidArguments("States.Format('{} {}', 1)", "{}");
            assertInvalidArguments("States.Format('{}', 1, 2)", "{}");
            assertInvalidArguments("States.Format('none', 1)", "{}");
        }

        @Test
        void failsWhenTheTemplateIsNotAString() {
            assertInvalidArguments("States.Format($.n, 1)", "{\"n\": 1}");
        }
    }

    @Nested
    class StringToJson {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "''                                  | null",
            "' '                                 | null",
            "null                                | null",
            "1                                   | 1",
            "true                                | true",
            "'[1, 2, \"HelloWorld\"]'            | '[1, 2, \"HelloWorld\"]'",
            "'{\"Arg1\": 1, \"Arg2\": []}'       | '{\"Arg1\": 1, \"Arg2\": []}'",
            "-0                                  | 0",
        })
        void parsesTheText(String text, String expected) {
            // recorded: test_string_to_json
            assertJson(expected, eval("States.StringToJson($.s)", "{\"s\": " + Json.write(Json.NODES.textNode(text)) + "}"));
        }

        @Test
        void failsOnTextThatIsNotJson() {
            assertInvalidArguments("States.StringToJson('{')", "{}");
            assertInvalidArguments("States.StringToJson('1 2')", "{}");
        }

        @Test
        void failsOnANonString() {
            assertInvalidArguments("States.StringToJson($.n)", "{\"n\": 1}");
        }
    }

    @Nested
    class JsonToString {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "0                              | 0",
            "1                              | 1",
            "1.1                            | 1.1",
            "true                           | true",
            "'\"HelloWorld\"'               | '\"HelloWorld\"'",
            "'[1, 2, \"HelloWorld\"]'       | '[1,2,\"HelloWorld\"]'",
            "'{\"Arg1\": 1, \"Arg2\": []}'  | '{\"Arg1\":1,\"Arg2\":[]}'",
        })
        void writesCompactJson(String value, String expected) {
            // recorded: test_json_to_string
            assertEquals(expected, eval("States.JsonToString($.v)", "{\"v\": " + value + "}").textValue());
        }
    }

    @Nested
    class Array {
        @Test
        void withoutArgumentsIsEmpty() {
            assertJson("[]", eval("States.Array()", "{}"));
        }

        @Test
        void keepsTheArgumentsInOrder() {
            // recorded: test_array_2
            assertJson("[\"\", \"\"]", call("States.Array", "{\"fst\": \"\", \"snd\": \"\"}", 2));
            assertJson("[{\"Arg1\": 1, \"Arg2\": []}, {\"Arg1\": 1, \"Arg2\": []}]",
                    call("States.Array", "{\"fst\": {\"Arg1\": 1, \"Arg2\": []}, \"snd\": {\"Arg1\": 1, \"Arg2\": []}}", 2));
            assertJson("[\"A\", 2, 2.2, true, null]", eval("States.Array('A', 2, 2.2, true, null)", "{}"));
        }
    }

    @Nested
    class ArrayPartition {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "[]        | 1 | []",
            "[]        | 2 | []",
            "[0]       | 1 | [[0]]",
            "[0]       | 4 | [[0]]",
            "[0,1]     | 1 | [[0],[1]]",
            "[0,1]     | 2 | [[0,1]]",
            "[0,1]     | 3 | [[0,1]]",
            "[0,1,2]   | 1 | [[0],[1],[2]]",
            "[0,1,2]   | 3 | [[0,1,2]]",
            "[0,1,2]   | 5 | [[0,1,2]]",
            "[0,1,2,3] | 2 | [[0,1],[2,3]]",
            "[0,1,2,3] | 4 | [[0,1,2,3]]",
            "[0,1,2,3] | 5 | [[0,1,2,3]]",
            "[1,2,3]   | 2 | [[1,2],[3]]",
            "[1,2,3]   | 1.5 | [[1,2],[3]]",
        })
        void chunksTheArray(String array, String size, String expected) {
            // recorded: test_array_partition
            assertJson(expected, call("States.ArrayPartition", "{\"fst\": " + array + ", \"snd\": " + size + "}", 2));
        }

        @Test
        void failsOnASizeBelowOne() {
            assertInvalidArguments("States.ArrayPartition($.a, 0)", "{\"a\": [1]}");
            assertInvalidArguments("States.ArrayPartition($.a, 0.49)", "{\"a\": [1]}");
            assertInvalidArguments("States.ArrayPartition($.a, -1)", "{\"a\": [1]}");
        }

        @Test
        void failsOnANonArray() {
            assertInvalidArguments("States.ArrayPartition($.a, 1)", "{\"a\": \"x\"}");
        }
    }

    @Nested
    class ArrayContains {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "[[1,2,3],2]       | null         | false",
            "[[1,2,3],2]       | [1,2,3]      | true",
            "[{\"1\":2,\"2\":[]}] | []        | false",
            "[true,false]      | true         | true",
            "[true,false]      | false        | true",
            "[{\"a\":1,\"b\":2}] | {\"b\":2,\"a\":1} | true",
            "[1,2]             | 1.0          | true",
            "[]                | []           | false",
        })
        void comparesDeeply(String array, String value, String expected) {
            // recorded: test_array_contains (first five rows)
            assertJson(expected, call("States.ArrayContains", "{\"fst\": " + array + ", \"snd\": " + value + "}", 2));
        }

        @Test
        void failsOnANonArray() {
            assertInvalidArguments("States.ArrayContains($.a, 1)", "{\"a\": {}}");
        }
    }

    @Nested
    class ArrayRange {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "0   | 9   | 3    | [0,3,6,9]",
            "1   | 9   | 9    | [1]",
            "1   | 9   | 2    | [1,3,5,7,9]",
            "0   | 10  | 3    | [0,3,6,9]",
            "5   | 1   | -2   | [5,3,1]",
            "5   | 1   | 1    | []",
            "1   | 5   | -1   | []",
            "3   | 3   | -1   | [3]",
            "1.4 | 5.6 | 2.2  | [1,3,5]",
        })
        void countsFromFirstToLastInclusive(String first, String last, String step, String expected) {
            // recorded: test_array_range (first three rows)
            assertJson(expected, call("States.ArrayRange",
                    "{\"fst\": " + first + ", \"snd\": " + last + ", \"trd\": " + step + "}", 3));
        }

        @Test
        void allowsAThousandItems() {
            assertEquals(1000, eval("States.ArrayRange(1, 1000, 1)", "{}").size());
            assertEquals(1000, eval("States.ArrayRange(1000, 1, -1)", "{}").size());
        }

        @Test
        void failsBeyondAThousandItems() {
            assertInvalidArguments("States.ArrayRange(1, 1001, 1)", "{}");
        }

        @Test
        void failsOnAZeroStep() {
            assertInvalidArguments("States.ArrayRange(1, 10, 0)", "{}");
            assertInvalidArguments("States.ArrayRange(1, 10, 0.49)", "{}");
        }

        @Test
        void failsOnNonNumbers() {
            assertInvalidArguments("States.ArrayRange('a', 5, 1)", "{}");
        }
    }

    @Nested
    class ArrayGetItem {
        @Test
        void returnsTheElementAtAZeroBasedIndex() {
            assertJson("6", eval("States.ArrayGetItem($.inputArray, $.index)", "{\"inputArray\": [1,2,3,4,5,6,7,8,9], \"index\": 5}"));
        }

        @Test
        void worksOnTheResultOfNestedCalls() {
            // recorded: test_nested_calls_1 and _2 (state machine name from the context object)
            assertJson("\"my\"", eval("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)", "{}"));
            assertJson("\"machine\"", eval("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), "
                    + "States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))", "{}"));
        }

        @Test
        void failsOutsideTheArray() {
            assertInvalidArguments("States.ArrayGetItem($.a, 3)", "{\"a\": [1,2,3]}");
            assertInvalidArguments("States.ArrayGetItem($.a, -1)", "{\"a\": [1,2,3]}");
        }
    }

    @Nested
    class ArrayLength {
        @Test
        void countsTheElements() {
            // recorded: test_array_length, test_array_unique (which called ArrayLength)
            assertJson("9", eval("States.ArrayLength($.a)", "{\"a\": [1,2,3,4,5,6,7,8,9]}"));
            assertJson("20", eval("States.ArrayLength($.a)", "{\"a\": " + DUPLICATES + "}"));
        }
    }

    private static final String DUPLICATES = "[null, null, true, true, false, false, 1, 1, 1.1, 0, 0, \"HelloWorld\", "
            + "\"HelloWorld\", [], [], [null], [null], {\"a\": 1, \"b\": 2}, {\"a\": 1, \"b\": 2}, {\"a\": 1, \"b\": 1}]";

    @Nested
    class ArrayUnique {
        @Test
        void keepsTheFirstOfEachValueInOrder() {
            assertJson("[1,2,3,4]", eval("States.ArrayUnique($.a)", "{\"a\": [1,2,3,3,3,3,3,3,4]}"));
            assertJson("[null, true, false, 1, 1.1, 0, \"HelloWorld\", [], [null], {\"a\": 1, \"b\": 2}, {\"a\": 1, \"b\": 1}]",
                    eval("States.ArrayUnique($.a)", "{\"a\": " + DUPLICATES + "}"));
        }

        @Test
        void comparesObjectsAsKeySetsAndNumbersByValue() {
            assertJson("[{\"a\": 1, \"b\": 2}, 1]", eval("States.ArrayUnique($.a)", "{\"a\": [{\"a\": 1, \"b\": 2}, {\"b\": 2, \"a\": 1}, 1, 1.0]}"));
        }
    }

    @Nested
    class Base64 {
        @Test
        void encodesUtf8() {
            // recorded: test_base_64_encode
            assertJson("\"\"", eval("States.Base64Encode($.s)", "{\"s\": \"\"}"));
            assertJson("\"RGF0YSB0byBlbmNvZGU=\"", eval("States.Base64Encode($.s)", "{\"s\": \"Data to encode\"}"));
            assertJson("\"w6k=\"", eval("States.Base64Encode('\u00e9')", "{}"));
        }

        @Test
        void neverWrapsLines() {
            String encoded = eval("States.Base64Encode($.s)", "{\"s\": \"" + "a".repeat(100) + "\"}").textValue();
            assertEquals(136, encoded.length());
            assertTrue(encoded.chars().noneMatch(c -> c == '\n' || c == '\r'));
        }

        @Test
        void decodesToUtf8Text() {
            assertJson("\"Data to encode\"", eval("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", "{}"));
            assertJson("\"round trip\"", eval("States.Base64Decode(States.Base64Encode('round trip'))", "{}"));
        }

        @Test
        void limitsTheInputToTenThousandCharacters() {
            assertEquals(13_336, eval("States.Base64Encode($.s)", "{\"s\": \"" + "a".repeat(10_000) + "\"}").textValue().length());
            assertInvalidArguments("States.Base64Encode($.s)", "{\"s\": \"" + "a".repeat(10_001) + "\"}");
            assertInvalidArguments("States.Base64Decode($.s)", "{\"s\": \"" + "A".repeat(10_004) + "\"}");
        }

        @Test
        void failsOnInvalidBase64() {
            assertInvalidArguments("States.Base64Decode('not base64!')", "{}");
        }

        @Test
        void failsOnANonString() {
            assertInvalidArguments("States.Base64Encode($.n)", "{\"n\": 5}");
        }
    }

    @Nested
    class Hash {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "MD5     | 812f45842bc6d66ee14572ce20db8e86",
            "SHA-1   | aaff4a450a104cd177d28d18d74485e8cae074b7",
            "SHA-256 | b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3",
            "SHA-384 | d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562",
            "SHA-512 | 6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4",
        })
        void givesTheLowercaseHexDigest(String algorithm, String digest) {
            // recorded: test_hash (SHA-1, SHA-256, SHA-384)
            assertEquals(digest, call("States.Hash", "{\"fst\": \"input data\", \"snd\": \"" + algorithm + "\"}", 2).textValue());
        }

        @Test
        void failsOnAnUnknownAlgorithmName() {
            assertInvalidArguments("States.Hash('x', 'SHA256')", "{}");
            assertInvalidArguments("States.Hash('x', 'sha-256')", "{}");
        }

        @Test
        void limitsTheDataToTenThousandCharacters() {
            assertInvalidArguments("States.Hash($.s, 'MD5')", "{\"s\": \"" + "a".repeat(10_001) + "\"}");
        }
    }

    @Nested
    class JsonMerge {
        @Test
        void mergesShallowlyWithTheSecondWinning() {
            // recorded: test_json_merge
            assertJson("{\"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3, \"d\": 4}",
                    eval("States.JsonMerge($.fst, $.snd, false)", "{\"fst\": {\"a\": {\"a1\": 1, \"a2\": 2}, \"b\": 2, \"d\": 3}, "
                            + "\"snd\": {\"a\": {\"a3\": 1, \"a4\": 2}, \"c\": 3, \"d\": 4}}"));
        }

        @Test
        void mergesAParsedLiteralWithTheContextInput() {
            // recorded: test_json_merge_escaped_argument
            JsonNode merged = Intrinsics.parse("States.JsonMerge(States.StringToJson('{\"constant_in_literal\": \"false\"}'), "
                    + "$$.Execution.Input.input_field, false)").evaluate(new Bindings(Json.parse("{}"),
                    Json.parse("{\"Execution\": {\"Input\": {\"input_field\": {\"constant_input_field\": \"constant_value\"}}}}"),
                    Variables.NONE), new FixedEntropy());
            assertJson("{\"constant_input_field\": \"constant_value\", \"constant_in_literal\": \"false\"}", merged);
        }

        @Test
        void failsInDeepModeWhichAwsDoesNotSupport() {
            assertInvalidArguments("States.JsonMerge($.a, $.b, true)", "{\"a\": {}, \"b\": {}}");
        }

        @Test
        void failsOnANonObject() {
            assertInvalidArguments("States.JsonMerge($.a, $.b, false)", "{\"a\": [], \"b\": {}}");
        }
    }

    @Nested
    class MathRandom {
        @Test
        void includesTheStartAndExcludesTheEnd() {
            assertJson("10", eval("States.MathRandom(10, 20)", "{}", new FixedEntropy(0)));
            assertJson("19", eval("States.MathRandom(10, 20)", "{}", new FixedEntropy(-1)));
            assertJson("13", eval("States.MathRandom(10, 20)", "{}", new FixedEntropy(23)));
        }

        @Test
        void drawsFromTheEntropyOnlyWithoutASeed() {
            FixedEntropy entropy = new FixedEntropy(5);
            eval("States.MathRandom(0, 10)", "{}", entropy);
            eval("States.MathRandom(0, 10, 7)", "{}", entropy);
            assertEquals(1, entropy.longsDrawn());
        }

        @Test
        void usesJavaUtilRandomWithASeed() {
            int expected = new Random(42).nextInt(999);
            assertJson(String.valueOf(expected), eval("States.MathRandom($.fst, $.snd, $.trd)", "{\"fst\": 0, \"snd\": 999, \"trd\": 42}"));
            assertEquals(eval("States.MathRandom(0, 999, 42)", "{}"), eval("States.MathRandom(0, 999, 42)", "{}"));
        }

        @Test
        void roundsItsArguments() {
            // start 12.5 -> 13, end 44.51 -> 45 (the recorded test_math_random input)
            assertJson("13", eval("States.MathRandom(12.50, 44.51)", "{}", new FixedEntropy(0)));
            assertJson("44", eval("States.MathRandom(12.50, 44.51)", "{}", new FixedEntropy(-1)));
        }

        @Test
        void failsWhenTheRangeIsEmpty() {
            assertInvalidArguments("States.MathRandom(5, 5)", "{}");
            assertInvalidArguments("States.MathRandom(1.4, 1.4)", "{}");
        }
    }

    @Nested
    class MathAdd {
        @ParameterizedTest
        @CsvSource({
            "-9, 3, -6",
            "1.49, 1.5, 3",
            "1.5, 1.51, 4",
            "-1.49, -1.5, -2",
            "-1.5, -1.51, -3",
            "1.49, 0, 1",
            "1.49, -1.49, 0",
            "1.5, 0, 2",
            "1.51, 0, 2",
            "-1.49, 0, -1",
            "-1.5, 0, -1",
            "-1.51, 0, -2",
            "0.5, 0, 1",
            "-0.5, 0, 0",
            "-2.5, 0, -2",
            "2.5, 0, 3",
            "-0.5, 0.5, 1",
        })
        void roundsEachArgumentWithMathRound(String a, String b, int sum) {
            // recorded: test_math_add
            JsonNode result = call("States.MathAdd", "{\"fst\": " + a + ", \"snd\": " + b + "}", 2);
            assertTrue(result.isInt(), result::toString);
            assertEquals(sum, result.intValue());
        }

        @Test
        void failsOnANonNumberWithAwsCause() {
            AslError error = failure("States.MathAdd($.a, $.b)", "{\"a\": 1, \"b\": \"NOT A NUMBER\"}");
            assertEquals("States.Runtime", error.error());
            assertEquals("The function 'States.MathAdd($.a, $.b)' had the following error: Invalid arguments in States.MathAdd",
                    error.cause());
        }

        @Test
        void staysWithinThirtyTwoBits() {
            assertJson("2147483647", eval("States.MathAdd(2147483646, 1)", "{}"));
            assertInvalidArguments("States.MathAdd(2147483647, 1)", "{}");
            assertInvalidArguments("States.MathAdd(2147483648, 0)", "{}");
        }
    }

    @Nested
    class StringSplit {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "' '                      | ,      | [\" \"]",
            "' , '                    | ,      | [\" \", \" \"]",
            "', , ,'                  | ,      | [\" \", \" \"]",
            "1,2,3,4,5                | ,      | [\"1\",\"2\",\"3\",\"4\",\"5\"]",
            "This.is+a,test=string    | .+,=   | [\"This\",\"is\",\"a\",\"test\",\"string\"]",
            "',,,,'                   | ,      | []",
        })
        void splitsAtAnyDelimiterCharacterAndDropsEmptyPieces(String text, String delimiters, String expected) {
            // recorded: test_string_split
            assertJson(expected, call("States.StringSplit", "{\"fst\": " + Json.write(Json.NODES.textNode(text))
                    + ", \"snd\": " + Json.write(Json.NODES.textNode(delimiters)) + "}", 2));
        }

        @Test
        void splitsOnEachCharacterOfAMultiCharacterDelimiter() {
            // recorded: test_string_split exec_hist_resp_6
            assertJson("[\"split on \", \" and \", \"new line\"]",
                    call("States.StringSplit", "{\"fst\": \"split on T and \\nnew line\", \"snd\": \"T\\n\"}", 2));
        }

        @Test
        void keepsBlankPieces() {
            // recorded: test_string_split_context_object
            assertJson("[\"Value1\", \"Value2\", \"Value3\\nValue4\", \"Value5\", \"Value6\\n\", \"\\ntrue\", \"1\", "
                            + "\"'HelloWorld'\\nNull\", \"None\", \"\\n   \\n\"]",
                    eval("States.StringSplit($.s, ',')",
                            "{\"s\": \"Value1,Value2,Value3\\nValue4,Value5,Value6\\n,,,\\ntrue,1,'HelloWorld'\\nNull,None,\\n   \\n\"}"));
        }

        @Test
        void splitsLiteralsWithRealNewlines() {
            // recorded: test_escape_sequence (the JSON text "\n" is a newline character)
            assertJson("[\"Hello\", \"World\"]", eval("States.StringSplit('Hello\nWorld', '\n')", "{}"));
        }
    }

    @Nested
    class Uuid {
        @Test
        void returnsTheEntropysUuid() {
            FixedEntropy entropy = new FixedEntropy();
            assertEquals(FixedEntropy.UUID_VALUE.toString(), eval("States.UUID()", "{}", entropy).textValue());
            assertEquals(1, entropy.uuidsDrawn());
        }
    }

    @Nested
    class Failures {
        @Test
        void aPathArgumentThatMatchesNothingNamesTheWholeExpressionAndThePath() {
            AslError error = failure("States.Format('{} {}', $.other, $.a.b)", "{\"other\":1}");
            assertEquals("States.Runtime", error.error());
            assertEquals("The function 'States.Format('{} {}', $.other, $.a.b)' had the following error: "
                    + "The JsonPath argument for the field '$.a.b' could not be found in the input '{\"other\":1}'", error.cause());
        }

        @Test
        void aNestedFailureNamesTheOutermostExpressionAsWritten() {
            AslError error = failure("States.Format('{}',States.Format('{}', $.nope))", "{\"other\":1}");
            assertEquals("The function 'States.Format('{}',States.Format('{}', $.nope))' had the following error: "
                    + "The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'", error.cause());
        }

        @Test
        void aContextPathIsReportedAgainstTheStateInput() {
            AslError error = failure("States.Format('{}', $$.Nope.Deep)", "{\"other\":1}");
            assertEquals("The function 'States.Format('{}', $$.Nope.Deep)' had the following error: "
                    + "The JsonPath argument for the field '$.Nope.Deep' could not be found in the input '{\"other\":1}'", error.cause());
        }

        @Test
        void anExplicitNullIsAValueNotAMiss() {
            assertEquals("null", eval("States.Format('{}', $.n)", "{\"n\": null}").textValue());
        }

        @Test
        void aWildcardThatMatchesNothingIsAnEmptyArray() {
            assertJson("0", eval("States.ArrayLength($.items[*].nope)", "{\"items\": [1, 2]}"));
        }

        @Test
        void aMissingVariableIsAMiss() {
            AslError error = failure("States.Array($nope)", "{}");
            assertTrue(error.cause().contains("The JsonPath argument for the field '$nope' could not be found"), error.cause());
        }
    }
}
