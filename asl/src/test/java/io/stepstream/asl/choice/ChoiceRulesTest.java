package io.stepstream.asl.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslError;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.eval.Bindings;
import io.stepstream.asl.eval.Variables;
import io.stepstream.asl.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChoiceRulesTest {

    private static final String INPUT_WITH_EVERY_TYPE = """
            {"str": "HelloWorld", "empty": "", "num": 1, "dec": 1.1, "zero": 0, "bool": true,
             "nil": null, "arr": [], "obj": {"A": 0}, "ts": "2012-10-09T19:00:55Z"}""";

    /** Compiles {@code rule} and tests it on the value {@code variable} given as {@code $.v}. */
    private static boolean holds(String rule, String variable) {
        return holds(rule, Json.parse("{\"v\": " + variable + "}"));
    }

    private static boolean holds(String rule, JsonNode data) {
        return ChoiceRules.compile(Json.parse(rule)).test(bindings(data, Variables.NONE));
    }

    /** The same with the arguments the other way round, for data built in the test. */
    private static boolean holdsOn(JsonNode data, String rule) {
        return holds(rule, data);
    }

    private static Bindings bindings(JsonNode data, Variables variables) {
        JsonNode context = Json.parse("{\"Execution\": {\"Input\": {\"x\": 5}}}");
        return new Bindings(data, context, variables);
    }

    private static AslError failure(String rule, String data) {
        ChoiceRule compiled = ChoiceRules.compile(Json.parse(rule));
        return assertThrows(AslException.class,
                () -> compiled.test(bindings(Json.parse(data), Variables.NONE))).error();
    }

    private static String compileError(String rule) {
        return assertThrows(InvalidChoiceRuleException.class,
                () -> ChoiceRules.compile(Json.parse(rule))).getMessage();
    }

    @Nested
    class StringOperators {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "StringEquals            | \"Hello\"  | \"Hello\" | true",
            "StringEquals            | \"Hello\"  | \"hello\" | false",
            "StringEquals            | \"     \"  | \" \"     | false",
            "StringLessThan          | \"AB\"     | \"A\"     | true",
            "StringLessThan          | \"\"       | \"\"      | false",
            "StringLessThan          | \"a\"      | \"B\"     | true",
            "StringGreaterThan       | \"ABC\"    | \"AB\"    | false",
            "StringGreaterThan       | \"A\"      | \"a\"     | true",
            "StringLessThanEquals    | \"\"       | \"\"      | true",
            "StringLessThanEquals    | \"A\"      | \"AB\"    | false",
            "StringGreaterThanEquals | \"A\"      | \"AB\"    | true",
            "StringGreaterThanEquals | \"AB\"     | \"A\"     | false",
        })
        void compareStringsByJavaStringOrder(String operator, String operand, String value, boolean expected) {
            assertEquals(expected, holds("{\"Variable\": \"$.v\", \"" + operator + "\": " + operand + "}", value));
            assertEquals(expected, holdsOn(Json.parse("{\"v\": " + value + ", \"o\": " + operand + "}"),
                    "{\"Variable\": \"$.v\", \"" + operator + "Path\": \"$.o\"}"));
        }

        @Test
        void orderStringsByUtf16CodeUnitsNotCodePoints() {
            // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FFFF.
            assertTrue(holds("{\"Variable\": \"$.v\", \"StringLessThan\": \"\\uFFFF\"}", "\"\\uD83D\\uDE00\""));
        }

        @ParameterizedTest
        @ValueSource(strings = {"null", "0", "1.1", "false", "[]", "[\"HelloWorld\"]", "{\"A\": 0}"})
        void areFalseForValuesThatAreNoStrings(String value) {
            assertFalse(holds("{\"Variable\": \"$.v\", \"StringEquals\": \"HelloWorld\"}", value));
            assertFalse(holds("{\"Variable\": \"$.v\", \"StringLessThanEquals\": \"zzz\"}", value));
        }

        @Test
        void isFalseWhenThePathOperandIsNoString() {
            assertFalse(holdsOn(Json.parse("{\"v\": \"1\", \"o\": 1}"), "{\"Variable\": \"$.v\", \"StringEqualsPath\": \"$.o\"}"));
        }
    }

    @Nested
    class StringMatchesOperator {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "foo*.log  | foo23.log    | true",
            "foo*.log  | foo.log      | true",
            "foo*.log  | foo.txt      | false",
            "*.log     | zebra.log    | true",
            "foo*.*    | foobar.zebra | true",
            "*         | ''           | true",
            "''        | ''           | true",
            "''        | a            | false",
            "abc       | abc          | true",
            "abc       | abcd         | false",
            "a*b*c     | abc          | true",
            "a*b*c     | aXXbYYc      | true",
            "a*b*c     | acb          | false",
            "*ab       | abab         | true",
            "ab*ab     | ab           | false",
            "ab*ab     | abab         | true",
            "**a**     | xax          | true",
            "a?c       | abc          | false",
            "a.c       | abc          | false",
            "[a]+      | [a]+         | true",
        })
        void treatOnlyTheStarAsAWildcard(String pattern, String value, boolean expected) {
            String rule = "{\"Variable\": \"$.v\", \"StringMatches\": " + Json.write(Json.NODES.textNode(pattern)) + "}";
            assertEquals(expected, holds(rule, Json.write(Json.NODES.textNode(value))));
        }

        @Test
        void readEscapedStarsAndBackslashesLiterally() {
            // The JSON text "foo\\*" is the pattern foo\* : a literal star.
            assertTrue(holds("{\"Variable\": \"$.v\", \"StringMatches\": \"foo\\\\*\"}", "\"foo*\""));
            assertFalse(holds("{\"Variable\": \"$.v\", \"StringMatches\": \"foo\\\\*\"}", "\"foobar\""));
            // The JSON text "a\\\\*" is the pattern a\\* : a backslash, then a wildcard.
            assertTrue(holds("{\"Variable\": \"$.v\", \"StringMatches\": \"a\\\\\\\\*\"}", "\"a\\\\bc\""));
            assertFalse(holds("{\"Variable\": \"$.v\", \"StringMatches\": \"a\\\\\\\\*\"}", "\"abc\""));
        }

        @Test
        void failsWithStatesRuntimeWhenThePatternHasAnOpenEscape() {
            AslError error = failure("{\"Variable\": \"$.v\", \"StringMatches\": \"a\\\\b\"}", "{\"v\": \"ab\"}");
            assertEquals("States.Runtime", error.error());
            assertTrue(error.cause().contains("open escape"), error.cause());
        }

        @ParameterizedTest
        @ValueSource(strings = {"null", "1", "true", "[]", "{}"})
        void isFalseForValuesThatAreNoStrings(String value) {
            assertFalse(holds("{\"Variable\": \"$.v\", \"StringMatches\": \"*\"}", value));
        }
    }

    @Nested
    class NumericOperators {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "NumericEquals            | 1    | 1      | true",
            "NumericEquals            | 1    | 1.0    | true",
            "NumericEquals            | 0    | -0.0   | true",
            "NumericEquals            | 2.22 | 2.22   | true",
            "NumericEquals            | 1    | 1.1    | false",
            "NumericEquals            | 0    | 1      | false",
            "NumericLessThan          | 1    | 0      | true",
            "NumericLessThan          | 1    | 1      | false",
            "NumericLessThan          | 0    | -0.5   | true",
            "NumericGreaterThan       | 1    | 1.0001 | true",
            "NumericGreaterThan       | 0    | 0      | false",
            "NumericLessThanEquals    | 0    | 0      | true",
            "NumericLessThanEquals    | 0    | 1      | false",
            "NumericGreaterThanEquals | 0    | 0      | true",
            "NumericGreaterThanEquals | 1    | 0      | false",
            "NumericGreaterThanEquals | 1e2  | 100    | true",
        })
        void compareNumbersByValue(String operator, String operand, String value, boolean expected) {
            assertEquals(expected, holds("{\"Variable\": \"$.v\", \"" + operator + "\": " + operand + "}", value));
            assertEquals(expected, holdsOn(Json.parse("{\"v\": " + value + ", \"o\": " + operand + "}"),
                    "{\"Variable\": \"$.v\", \"" + operator + "Path\": \"$.o\"}"));
        }

        @Test
        void compareBigIntegersAndLongDecimalsAsTheirNearestDoubles() {
            // 2^53 + 1 has no double of its own; IEEE-754 semantics make it equal to 2^53.
            assertTrue(holds("{\"Variable\": \"$.v\", \"NumericEquals\": 9007199254740992}", "9007199254740993"));
            assertTrue(holds("{\"Variable\": \"$.v\", \"NumericEquals\": 1e20}", "100000000000000000000"));
            assertTrue(holds("{\"Variable\": \"$.v\", \"NumericEquals\": 0.1}", "0.1000000000000000000001"));
            assertTrue(holds("{\"Variable\": \"$.v\", \"NumericLessThan\": 1e400}",
                    "123456789012345678901234567890"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"null", "\"1\"", "\"\"", "true", "false", "[]", "[1]", "{\"A\": 0}"})
        void areFalseForValuesThatAreNoNumbers(String value) {
            assertFalse(holds("{\"Variable\": \"$.v\", \"NumericEquals\": 1}", value));
            assertFalse(holds("{\"Variable\": \"$.v\", \"NumericGreaterThanEquals\": -100}", value));
        }
    }

    @Nested
    class BooleanOperators {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "true  | true  | true",
            "true  | false | false",
            "false | false | true",
            "false | true  | false",
            "true  | 1     | false",
            "false | 0     | false",
            "false | null  | false",
            "true  | '\"true\"' | false",
            "false | '{}'  | false",
        })
        void compareOnlyBooleans(String operand, String value, boolean expected) {
            assertEquals(expected, holds("{\"Variable\": \"$.v\", \"BooleanEquals\": " + operand + "}", value));
            assertEquals(expected, holdsOn(Json.parse("{\"v\": " + value + ", \"o\": " + operand + "}"),
                    "{\"Variable\": \"$.v\", \"BooleanEqualsPath\": \"$.o\"}"));
        }
    }

    @Nested
    class TimestampOperators {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "TimestampEquals            | 2012-10-09T19:00:55Z | 2012-10-09T19:00:55Z       | true",
            "TimestampEquals            | 2012-10-09T19:00:55Z | 2012-10-09T20:00:55+01:00  | true",
            "TimestampEquals            | 2012-10-09T19:00:55Z | 2012-10-09T19:00:55.000Z   | true",
            "TimestampEquals            | 2012-10-09T19:00:55Z | 2012-10-09T19:00:55.001Z   | false",
            "TimestampEquals            | 2012-10-09T19:00:55Z | 2012-10-09T19:00:56Z       | false",
            "TimestampLessThan          | 2012-10-09T19:00:56Z | 2012-10-09T19:00:55Z       | true",
            "TimestampLessThan          | 2012-10-09T19:00:55Z | 2012-10-09T19:00:55Z       | false",
            "TimestampLessThan          | 2012-10-09T19:00:55Z | 2012-10-09T19:00:55-00:01  | false",
            "TimestampGreaterThan       | 2012-10-09T19:00:55Z | 2012-10-09T19:00:56Z       | true",
            "TimestampGreaterThan       | 2012-10-09T19:00:55Z | 2012-10-09T19:00:55.5+00:00 | true",
            "TimestampLessThanEquals    | 2012-10-09T19:00:55Z | 2012-10-09T19:00:55Z       | true",
            "TimestampLessThanEquals    | 2012-10-09T19:00:55Z | 2012-10-09T19:00:56Z       | false",
            "TimestampGreaterThanEquals | 2012-10-09T19:00:56Z | 2012-10-09T19:00:55Z       | false",
            "TimestampGreaterThanEquals | 2012-10-09T19:00:55Z | 2012-10-09T19:00:56Z       | true",
        })
        void compareInstants(String operator, String operand, String value, boolean expected) {
            assertEquals(expected, holds("{\"Variable\": \"$.v\", \"" + operator + "\": \"" + operand + "\"}", "\"" + value + "\""));
            assertEquals(expected, holdsOn(Json.parse("{\"v\": \"" + value + "\", \"o\": \"" + operand + "\"}"),
                    "{\"Variable\": \"$.v\", \"" + operator + "Path\": \"$.o\"}"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"2012-10-09T19:00:55\"", "\"2023-02-24\"", "\"2023-02-24 12:15:56.832957\"",
            "\"2012-10-09t19:00:55z\"", "\"2012-10-09T19:00Z\"", "\"2012-10-09T19:00:55+01\"",
            "\"2012-02-30T19:00:55Z\"", "\"\"", "null", "0", "1349809255", "true", "[]",
            "[\"2012-10-09T19:00:55Z\"]", "{}"})
        void areFalseForValuesThatAreNoRfc3339Timestamps(String value) {
            assertFalse(holds("{\"Variable\": \"$.v\", \"TimestampEquals\": \"2012-10-09T19:00:55Z\"}", value));
            assertFalse(holds("{\"Variable\": \"$.v\", \"TimestampLessThanEquals\": \"2999-01-01T00:00:00Z\"}", value));
            assertFalse(holds("{\"Variable\": \"$.v\", \"IsTimestamp\": true}", value));
        }

        @Test
        void areFalseWhenThePathOperandIsNoTimestamp() {
            assertFalse(holdsOn(Json.parse("{\"v\": \"2012-10-09T19:00:55Z\", \"o\": \"yesterday\"}"),
                    "{\"Variable\": \"$.v\", \"TimestampEqualsPath\": \"$.o\"}"));
        }

        @Test
        void rejectALiteralThatIsNoRfc3339Timestamp() {
            String message = compileError("{\"Variable\": \"$.v\", \"TimestampEquals\": \"2012-10-09\"}");
            assertTrue(message.contains("RFC3339"), message);
        }
    }

    @Nested
    class TypeTests {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "IsNull      | nil   | true",
            "IsNull      | empty | false",
            "IsNull      | zero  | false",
            "IsNull      | obj   | false",
            "IsNumeric   | num   | true",
            "IsNumeric   | dec   | true",
            "IsNumeric   | zero  | true",
            "IsNumeric   | str   | false",
            "IsNumeric   | bool  | false",
            "IsNumeric   | nil   | false",
            "IsString    | str   | true",
            "IsString    | empty | true",
            "IsString    | ts    | true",
            "IsString    | num   | false",
            "IsString    | arr   | false",
            "IsString    | nil   | false",
            "IsBoolean   | bool  | true",
            "IsBoolean   | zero  | false",
            "IsBoolean   | str   | false",
            "IsBoolean   | nil   | false",
            "IsTimestamp | ts    | true",
            "IsTimestamp | str   | false",
            "IsTimestamp | num   | false",
            "IsPresent   | nil   | true",
            "IsPresent   | arr   | true",
            "IsPresent   | none  | false",
        })
        void answerWhetherTheValueHasTheType(String operator, String field, boolean isOfType) {
            JsonNode data = Json.parse(INPUT_WITH_EVERY_TYPE);
            assertEquals(isOfType, holds("{\"Variable\": \"$." + field + "\", \"" + operator + "\": true}", data));
            assertEquals(!isOfType, holds("{\"Variable\": \"$." + field + "\", \"" + operator + "\": false}", data));
        }

        @Test
        void isPresentSeesVariablesAndTheContextObject() {
            Variables variables = Map.of("known", Json.NODES.textNode("x"))::get;
            JsonNode data = Json.NODES.objectNode();
            assertTrue(ChoiceRules.compile(Json.parse("{\"Variable\": \"$known\", \"IsPresent\": true}"))
                    .test(bindings(data, variables)));
            assertTrue(ChoiceRules.compile(Json.parse("{\"Variable\": \"$unknown\", \"IsPresent\": false}"))
                    .test(bindings(data, variables)));
            assertTrue(ChoiceRules.compile(Json.parse("{\"Variable\": \"$$.Execution.Input.x\", \"IsPresent\": true}"))
                    .test(bindings(data, variables)));
        }
    }

    @Nested
    class MissingValues {

        @Test
        void failWithStatesRuntimeNamingTheVariable() {
            AslError error = failure("{\"Variable\": \"$.missing\", \"NumericEquals\": 1}", "{\"v\": 1}");
            assertEquals(new AslError("States.Runtime",
                    "Invalid path '$.missing': The choice state's condition path references an invalid value."), error);
        }

        @Test
        void failWithStatesRuntimeNamingAMissingPathOperand() {
            AslError error = failure("{\"Variable\": \"$.v\", \"StringEqualsPath\": \"$.other\"}", "{\"v\": \"a\"}");
            assertEquals(new AslError("States.Runtime",
                    "Invalid path '$.other': The choice state's condition path references an invalid value."), error);
        }

        @Test
        void failForTypeTestsOtherThanIsPresent() {
            assertEquals("States.Runtime", failure("{\"Variable\": \"$.missing\", \"IsNull\": false}", "{}").error());
            assertEquals("States.Runtime", failure("{\"Variable\": \"$.a.b\", \"IsString\": false}", "{\"a\": 1}").error());
        }

        @Test
        void failForAnUnassignedWorkflowVariable() {
            AslError error = failure("{\"Variable\": \"$nope\", \"BooleanEquals\": true}", "{}");
            assertEquals("Invalid path '$nope': The choice state's condition path references an invalid value.",
                    error.cause());
        }

        @Test
        void readTheContextObjectAndWorkflowVariables() {
            Variables variables = Map.of("limit", Json.NODES.numberNode(5))::get;
            JsonNode data = Json.parse("{\"v\": 5}");
            assertTrue(ChoiceRules.compile(Json.parse("{\"Variable\": \"$$.Execution.Input.x\", \"NumericEqualsPath\": \"$.v\"}"))
                    .test(bindings(data, variables)));
            assertTrue(ChoiceRules.compile(Json.parse("{\"Variable\": \"$.v\", \"NumericLessThanEqualsPath\": \"$limit\"}"))
                    .test(bindings(data, variables)));
        }
    }

    @Nested
    class BooleanExpressions {

        private static final String TRUE = "{\"Variable\": \"$.v\", \"IsPresent\": true}";
        private static final String FALSE = "{\"Variable\": \"$.v\", \"IsPresent\": false}";
        private static final String FAILS = "{\"Variable\": \"$.missing\", \"IsNull\": true}";

        @Test
        void andHoldsWhenEveryRuleHolds() {
            assertTrue(holds("{\"And\": [" + TRUE + ", " + TRUE + "]}", "1"));
            assertFalse(holds("{\"And\": [" + TRUE + ", " + FALSE + "]}", "1"));
        }

        @Test
        void andStopsAtTheFirstFalseRule() {
            assertFalse(holds("{\"And\": [" + FALSE + ", " + FAILS + "]}", "1"));
            assertEquals("States.Runtime", failure("{\"And\": [" + TRUE + ", " + FAILS + "]}", "{\"v\": 1}").error());
        }

        @Test
        void orHoldsWhenAnyRuleHolds() {
            assertTrue(holds("{\"Or\": [" + FALSE + ", " + TRUE + "]}", "1"));
            assertFalse(holds("{\"Or\": [" + FALSE + ", " + FALSE + "]}", "1"));
        }

        @Test
        void orStopsAtTheFirstTrueRule() {
            assertTrue(holds("{\"Or\": [" + TRUE + ", " + FAILS + "]}", "1"));
            assertEquals("States.Runtime", failure("{\"Or\": [" + FALSE + ", " + FAILS + "]}", "{\"v\": 1}").error());
        }

        @Test
        void notNegatesButPassesErrorsThrough() {
            assertFalse(holds("{\"Not\": " + TRUE + "}", "1"));
            assertTrue(holds("{\"Not\": " + FALSE + "}", "1"));
            assertEquals("States.Runtime", failure("{\"Not\": " + FAILS + "}", "{\"v\": 1}").error());
        }

        @Test
        void nestArbitrarily() {
            String rule = """
                    {"Or": [
                      {"Not": {"Variable": "$.type", "StringEquals": "Private"}},
                      {"And": [{"Variable": "$.value", "NumericGreaterThanEquals": 20},
                               {"Not": {"Variable": "$.value", "NumericGreaterThanEquals": 30}}]}]}""";
            assertTrue(holds(rule, Json.parse("{\"type\": \"Private\", \"value\": 22}")));
            assertFalse(holds(rule, Json.parse("{\"type\": \"Private\", \"value\": 30}")));
            assertTrue(holds(rule, Json.parse("{\"type\": \"Public\"}")));
        }
    }

    @Nested
    class Compilation {

        @Test
        void ignoresNextAssignAndComment() {
            assertTrue(holds("{\"Variable\": \"$.v\", \"BooleanEquals\": true, \"Next\": \"X\","
                    + " \"Assign\": {\"a\": 1}, \"Comment\": \"c\"}", "true"));
            assertTrue(holds("{\"And\": [{\"Variable\": \"$.v\", \"IsBoolean\": true, \"Comment\": \"c\"}],"
                    + " \"Next\": \"X\"}", "true"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "[]                                                           | JSON object",
            "{\"Next\": \"X\"}                                            | found none",
            "{\"Variable\": \"$.v\"}                                      | found none",
            "{\"Variable\": \"$.v\", \"IsNull\": true, \"IsString\": true} | exactly one",
            "{\"Variable\": \"$.v\", \"StringEqual\": \"a\"}              | Unknown field 'StringEqual'",
            "{\"Variable\": \"$.v\", \"Condition\": true}                 | Unknown field 'Condition'",
            "{\"StringEquals\": \"a\"}                                    | needs a 'Variable'",
            "{\"Variable\": \"$.v\", \"And\": [{\"Variable\": \"$.v\", \"IsNull\": true}]} | not allowed",
            "{\"And\": []}                                                | non-empty array",
            "{\"Or\": {\"Variable\": \"$.v\", \"IsNull\": true}}          | non-empty array",
            "{\"Not\": [{\"Variable\": \"$.v\", \"IsNull\": true}]}       | single choice rule",
            "{\"And\": [{\"Variable\": \"$.v\"}]}                         | found none",
            "{\"Variable\": \"v\", \"IsNull\": true}                      | not a valid path",
            "{\"Variable\": 1, \"IsNull\": true}                          | path string",
            "{\"Variable\": \"$.v\", \"StringEquals\": 1}                 | must be a string",
            "{\"Variable\": \"$.v\", \"StringMatches\": null}             | must be a string",
            "{\"Variable\": \"$.v\", \"NumericEquals\": \"1\"}            | must be a number",
            "{\"Variable\": \"$.v\", \"BooleanEquals\": \"true\"}         | must be a boolean",
            "{\"Variable\": \"$.v\", \"IsPresent\": 1}                    | must be a boolean",
            "{\"Variable\": \"$.v\", \"NumericEqualsPath\": 1}            | path string",
            "{\"Variable\": \"$.v\", \"StringEqualsPath\": \"abc\"}       | not a valid path",
            "{\"Variable\": \"$.v\", \"StringMatchesPath\": \"$.p\"}      | Unknown field 'StringMatchesPath'",
            "{\"Variable\": \"$.v\", \"BooleanLessThan\": true}           | Unknown field 'BooleanLessThan'",
        })
        void rejectsMalformedRulesNamingTheProblem(String rule, String expectedMessagePart) {
            String message = compileError(rule);
            assertTrue(message.contains(expectedMessagePart), message);
        }
    }
}
