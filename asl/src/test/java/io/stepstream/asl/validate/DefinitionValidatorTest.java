package io.stepstream.asl.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rules the case folders do not cover. Where an expected message is quoted from a recording of
 * real AWS, the test says where it comes from; the others pin our own wording.
 */
class DefinitionValidatorTest {

    private static List<Diagnostic> validate(String definition) {
        return validate(definition, MachineType.STANDARD);
    }

    private static List<Diagnostic> validate(String definition, MachineType type) {
        return DefinitionValidator.validate(Json.parse(definition), type);
    }

    /** AWS's CreateStateMachine message for the definition. */
    private static String createMessage(String definition) {
        return createMessage(definition, MachineType.STANDARD);
    }

    private static String createMessage(String definition, MachineType type) {
        return assertThrows(InvalidDefinitionException.class,
                () -> DefinitionValidator.requireValid(Json.parse(definition), type)).getMessage();
    }

    private static String one(String state) {
        return "{\"StartAt\":\"S\",\"States\":{\"S\":" + state + "}}";
    }

    private static void assertOnly(String code, String message, String location, List<Diagnostic> diagnostics) {
        assertEquals(List.of(Diagnostic.error(code, message, location)), diagnostics);
    }

    private static void assertSchema(String message, String location, List<Diagnostic> diagnostics) {
        assertOnly(Codes.SCHEMA_VALIDATION_FAILED, message, location, diagnostics);
    }

    @Test
    void acceptsAMinimalPassMachine() {
        assertEquals(List.of(), validate(one("{\"Type\":\"Pass\",\"End\":true}")));
    }

    @Nested
    class Structure {

        @Test
        void emptyObjectNeedsStatesAndStartAt() {
            // localstack test_sfn_api_validation EMPTY_DICT, recorded against AWS.
            assertSchema("These fields are required: [States, StartAt]", "/", validate("{}"));
        }

        @Test
        void missingStartAtIsReportedAtTheRoot() {
            assertSchema("These fields are required: [StartAt]", "/",
                    validate("{\"States\":{\"S\":{\"Type\":\"Pass\",\"End\":true}}}"));
        }

        @Test
        void nonObjectDefinitionIsNotAValidJsonObject() {
            assertSchema("Definition must be a valid JSON object", null,
                    DefinitionValidator.validate("[1]", MachineType.STANDARD));
        }

        @Test
        void parseErrorIsNotRepeatedInTheCreateMessage() {
            List<Diagnostic> diagnostics = DefinitionValidator.validate("{\"a\" 1}", MachineType.STANDARD);
            assertEquals(Codes.INVALID_JSON_DESCRIPTION, diagnostics.get(0).code());
            String message = new InvalidDefinitionException(diagnostics).getMessage();
            assertEquals(1, message.split("\\[Source:", -1).length - 1, message);
        }

        @Test
        void stateNameOverEightyCharactersIsReportedInAwsWords() {
            String name = "This is an exceptionally long state name that I know will fail when I try to deploy to AWS";
            // Quoted from AWS's CreateStateMachine error in asl-validator issue #69.
            assertEquals("Invalid State Machine Definition: 'INVALID_STATE_NAME: Invalid State name: State '" + name
                    + "' exceeds the 80-character limit allowed by the service at /States/" + name + "'",
                    createMessage("{\"StartAt\":\"" + name + "\",\"States\":{\"" + name
                            + "\":{\"Type\":\"Pass\",\"End\":true}}}"));
        }

        @Test
        void stateNamesMustBeUniqueAcrossBranches() {
            List<Diagnostic> diagnostics = validate("""
                    {"StartAt":"P","States":{
                      "P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"P","States":{"P":{"Type":"Succeed"}}}]}}}
                    """);
            assertOnly(Codes.DUPLICATE_STATE_NAME, "Duplicate State name: P", "/States/P/Branches[0]/States/P",
                    diagnostics);
        }

        @Test
        void emptyBranchesAreRejected() {
            assertEquals("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Value cannot be empty"
                    + " at /States/S/Branches'", createMessage(one("{\"Type\":\"Parallel\",\"Branches\":[],\"End\":true}")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Parallel", "Map"})
        void timeoutSecondsIsRejectedOnParallelAndMap(String type) {
            String body = type.equals("Map")
                    ? "\"ItemProcessor\":{\"StartAt\":\"I\",\"States\":{\"I\":{\"Type\":\"Succeed\"}}}"
                    : "\"Branches\":[{\"StartAt\":\"I\",\"States\":{\"I\":{\"Type\":\"Succeed\"}}}]";
            // floci #2735, measured against AWS.
            assertSchema("Field 'TimeoutSeconds' is not supported", "/States/S",
                    validate(one("{\"Type\":\"" + type + "\",\"TimeoutSeconds\":5,\"End\":true," + body + "}")));
        }

        @ParameterizedTest
        @CsvSource({
            "Retry, '{\"Type\":\"Pass\",\"End\":true,\"Retry\":[{\"ErrorEquals\":[\"States.ALL\"]}]}'",
            "Catch, '{\"Type\":\"Wait\",\"Seconds\":1,\"End\":true,\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"S\"}]}'",
            "Retry, '{\"Type\":\"Succeed\",\"Retry\":[]}'",
            "Catch, '{\"Type\":\"Fail\",\"Catch\":[]}'",
            "Retry, '{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.a\",\"IsNull\":true,\"Next\":\"S\"}],\"Retry\":[]}'"
        })
        void retryAndCatchAreRejectedOnStatesThatCannotFail(String field, String state) {
            assertTrue(validate(one(state)).contains(
                    Diagnostic.error(Codes.SCHEMA_VALIDATION_FAILED, "Field '" + field + "' is not supported", "/States/S")));
        }

        @Test
        void nextAndEndTogetherAreRejected() {
            assertSchema("There should only be one of the following fields: [Next, End]", "/States/S",
                    validate(one("{\"Type\":\"Pass\",\"Next\":\"S\",\"End\":true}")));
        }

        @Test
        void unknownTypeIsListedWithTheSupportedTypes() {
            assertSchema("The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice,"
                    + " Parallel, Map]", "/States/S/Type", validate(one("{\"Type\":\"Loop\",\"End\":true}")));
        }
    }

    @Nested
    class Graph {

        @Test
        void missingTargetAndUnreachableStateAreReportedTogetherInAwsWords() {
            // localstack PR #12487 quotes AWS's CreateStateMachine answer for this shape.
            assertEquals("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3"
                    + " at /States/pass1/Next, MISSING_TRANSITION_TARGET: State \"pass2\" is not reachable."
                    + " at /States/pass2'", createMessage("""
                    {"StartAt":"pass1","States":{
                      "pass1":{"Type":"Pass","Next":"pass3"},
                      "pass2":{"Type":"Pass","End":true}}}
                    """));
        }

        @Test
        void pureLoopHasNoTerminalStateAtNull() {
            // floci #2735 quotes AWS: 'MISSING_END_STATE: Workflow has no terminal state at null'.
            assertEquals("Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state at null'",
                    createMessage("""
                            {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}
                            """));
        }

        @Test
        void loopWithAnUnreachableTerminalReportsOnlyTheUnreachableState() {
            assertOnly(Codes.MISSING_TRANSITION_TARGET, "State \"C\" is not reachable.", "/States/C", validate("""
                    {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"},
                      "C":{"Type":"Pass","End":true}}}
                    """));
        }

        @Test
        void startAtNamingNoStateIsAMissingTarget() {
            assertTrue(validate("{\"StartAt\":\"X\",\"States\":{\"S\":{\"Type\":\"Succeed\"}}}").contains(
                    Diagnostic.error(Codes.MISSING_TRANSITION_TARGET, "Missing 'Next' target: X", "/StartAt")));
        }

        @Test
        void transitionOutOfABranchIsAMissingTarget() {
            List<Diagnostic> diagnostics = validate("""
                    {"StartAt":"P","States":{
                      "P":{"Type":"Parallel","Next":"Done","Branches":[
                        {"StartAt":"B","States":{"B":{"Type":"Pass","Next":"Done"},"E":{"Type":"Succeed"}}}]},
                      "Done":{"Type":"Succeed"}}}
                    """);
            assertTrue(diagnostics.contains(Diagnostic.error(Codes.MISSING_TRANSITION_TARGET,
                    "Missing 'Next' target: Done", "/States/P/Branches[0]/States/B/Next")), diagnostics::toString);
        }

        @Test
        void catcherTargetsCountAsTransitions() {
            assertEquals(List.of(), validate("""
                    {"StartAt":"T","States":{
                      "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,
                           "Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"}]},
                      "F":{"Type":"Fail"}}}
                    """));
        }
    }

    @Nested
    class Tasks {

        @ParameterizedTest
        @ValueSource(strings = {
            "arn:aws:lambda:us-east-1:123456789012:function:fn",
            "arn:aws:lambda:us-east-1:123456789012:function:fn:$LATEST",
            "arn:aws:states:us-east-1:123456789012:activity:work",
            "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "arn:aws:states:::states:startExecution.sync:2",
            "arn:aws:states:::ecs:runTask.sync",
            "arn:aws:states:::aws-sdk:s3:listBuckets",
            "arn:aws:states:::http:invoke",
            "arn:stepstream:states:::kafka:produce",
            "arn:stepstream:states:::kafka:produce.waitForTaskToken"
        })
        void recognisesTheResourcesAwsAndStepstreamRun(String resource) {
            assertEquals(List.of(), validate(one("{\"Type\":\"Task\",\"Resource\":\"" + resource + "\",\"End\":true}")));
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "foo:bar",
            "arn:aws:states:::lambda:invoke.sync",
            "arn:aws:states:::aws-sdk:s3:listBuckets.sync",
            "arn:aws:states:::http:invoke.waitForTaskToken",
            "arn:aws:lambda:us-east-1:123456789012:function:fn:",
            "arn:aws:swf:us-east-1:123456789012:task:X"
        })
        void rejectsResourcesAwsDoesNotRecognise(String resource) {
            assertSchema("The resource provided " + resource + " is not recognized. The value is not a valid resource"
                    + " ARN, or the resource is not available in this region.", "/States/S/Resource",
                    validate(one("{\"Type\":\"Task\",\"Resource\":\"" + resource + "\",\"End\":true}")));
        }

        @Test
        void expressRejectsCallbacksInAwsWords() {
            // localstack test_sfn_api_validation ILLEGAL_WFTT, recorded against AWS (trailing blank included).
            assertSchema("Express state machine does not support '.waitForTaskToken' service integration ",
                    "/States/S/Resource", validate(one("""
                            {"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}
                            """), MachineType.EXPRESS));
        }

        @Test
        void expressRejectsSyncAndActivities() {
            assertSchema("Express state machine does not support '.sync' service integration ", "/States/S/Resource",
                    validate(one("{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::states:startExecution.sync\","
                            + "\"End\":true}"), MachineType.EXPRESS));
            assertSchema("Express state machine does not support Activity ARN", "/States/S/Resource",
                    validate(one("{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:us-east-1:1:activity:a\","
                            + "\"End\":true}"), MachineType.EXPRESS));
        }

        @Test
        void heartbeatMustBeShorterThanTimeout() {
            assertSchema("The field 'HeartbeatSeconds' must be smaller than the field 'TimeoutSeconds'",
                    "/States/S/HeartbeatSeconds", validate(one("""
                            {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,
                             "TimeoutSeconds":10,"HeartbeatSeconds":10}
                            """)));
        }

        @Test
        void timeoutSecondsHasAwsRange() {
            assertSchema("Minimum value is 1", "/States/S/TimeoutSeconds", validate(one(
                    "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true,\"TimeoutSeconds\":0}")));
        }

        @Test
        void timeoutSecondsPathMayNotReadTheContextObject() {
            assertSchema("Value is not a Reference Path", "/States/S/TimeoutSecondsPath", validate(one(
                    "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true,"
                            + "\"TimeoutSecondsPath\":\"$$.Execution.Input.t\"}")));
        }

        @Test
        void dynamicRoleArnSatisfiesCredentials() {
            assertEquals(List.of(), validate(one("""
                    {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,
                     "Credentials":{"RoleArn.$":"$.role"}}
                    """)));
        }
    }

    @Nested
    class ErrorHandling {

        private String taskWithRetry(String retry) {
            return one("{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true,\"Retry\":"
                    + retry + "}");
        }

        @Test
        void statesAllMustBeInTheLastRetrier() {
            assertSchema("A Retrier whose 'ErrorEquals' contains 'States.ALL' must be the last Retrier",
                    "/States/S/Retry[0]",
                    validate(taskWithRetry("[{\"ErrorEquals\":[\"States.ALL\"]},{\"ErrorEquals\":[\"X\"]}]")));
        }

        @ParameterizedTest
        @CsvSource({
            "IntervalSeconds, 0, Minimum value is 1",
            "MaxAttempts, -1, Minimum value is 0",
            "BackoffRate, 0.5, Minimum value is 1.0",
            "MaxDelaySeconds, 31622401, Maximum value is 31622400"
        })
        void retrierNumbersHaveAwsRanges(String field, String value, String message) {
            assertSchema(message, "/States/S/Retry[0]/" + field,
                    validate(taskWithRetry("[{\"ErrorEquals\":[\"X\"],\"" + field + "\":" + value + "}]")));
        }

        @Test
        void jitterStrategyIsFullOrNone() {
            assertSchema("The field 'JitterStrategy' should have one of these values: [FULL, NONE]",
                    "/States/S/Retry[0]/JitterStrategy",
                    validate(taskWithRetry("[{\"ErrorEquals\":[\"X\"],\"JitterStrategy\":\"HALF\"}]")));
        }

        @Test
        void catcherNeedsNext() {
            assertSchema("These fields are required: [Next]", "/States/S/Catch[0]", validate(one(
                    "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true,"
                            + "\"Catch\":[{\"ErrorEquals\":[\"X\"]}]}")));
        }
    }

    @Nested
    class Choices {

        private List<Diagnostic> choice(String rule) {
            return validate("{\"StartAt\":\"C\",\"States\":{\"C\":{\"Type\":\"Choice\",\"Choices\":[" + rule
                    + "],\"Default\":\"D\"},\"N\":{\"Type\":\"Succeed\"},\"D\":{\"Type\":\"Succeed\"}}}");
        }

        @Test
        void acceptsNestedBooleanRules() {
            assertEquals(List.of(), choice("""
                    {"And":[{"Variable":"$.a","NumericGreaterThan":1},
                            {"Not":{"Variable":"$$.Execution.Name","StringMatches":"x*"}}],"Next":"N"}
                    """));
        }

        @Test
        void nestedRulesMayNotHaveNext() {
            assertSchema("Field 'Next' is not supported", "/States/C/Choices[0]/Or[0]",
                    choice("{\"Or\":[{\"Variable\":\"$.a\",\"IsNull\":true,\"Next\":\"N\"}],\"Next\":\"N\"}"));
        }

        @Test
        void andNeedsAtLeastOneRule() {
            assertSchema("Value cannot be empty", "/States/C/Choices[0]/And", choice("{\"And\":[],\"Next\":\"N\"}"));
        }

        @Test
        void timestampLiteralMustBeRfc3339() {
            assertSchema("String does not match RFC3339 timestamp", "/States/C/Choices[0]/TimestampEquals",
                    choice("{\"Variable\":\"$.t\",\"TimestampEquals\":\"2016-03-14 01:59:00Z\",\"Next\":\"N\"}"));
        }

        @Test
        void comparatorLiteralMustHaveTheOperatorsType() {
            assertSchema("Expected value of type [NUMBER]", "/States/C/Choices[0]/NumericEquals",
                    choice("{\"Variable\":\"$.a\",\"NumericEquals\":\"1\",\"Next\":\"N\"}"));
        }

        @Test
        void dataTestNeedsExactlyOneComparator() {
            assertSchema("A Choice Rule must have exactly one comparison operator or one of the fields [And, Or, Not]",
                    "/States/C/Choices[0]",
                    choice("{\"Variable\":\"$.a\",\"IsNull\":true,\"IsString\":true,\"Next\":\"N\"}"));
        }

        @Test
        void jsonataRulesUseCondition() {
            assertSchema("The QueryLanguage is set to 'JSONata', but field 'Variable' is only supported for the"
                    + " 'JSONPath' QueryLanguage", "/States/C/Choices[0]", validate("""
                    {"QueryLanguage":"JSONata","StartAt":"C","States":{
                      "C":{"Type":"Choice","Choices":[{"Condition":true,"Variable":"$.a","Next":"N"}]},
                      "N":{"Type":"Succeed"}}}
                    """));
        }
    }

    @Nested
    class QueryLanguage {

        @Test
        void statesInsideAJsonataMapInheritTheMachinesLanguage() {
            // floci #2968, measured against AWS: the Map's own QueryLanguage does not reach its processor.
            assertSchema("The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the"
                    + " 'JSONata' QueryLanguage", "/States/M/ItemProcessor/States/P", validate("""
                    {"StartAt":"M","States":{"M":{"Type":"Map","QueryLanguage":"JSONata","End":true,
                      "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Output":1,"End":true}}}}}}
                    """));
        }

        @Test
        void itemProcessorCannotDeclareAQueryLanguage() {
            assertSchema("Field 'QueryLanguage' is not supported", "/States/M/ItemProcessor", validate("""
                    {"StartAt":"M","States":{"M":{"Type":"Map","End":true,
                      "ItemProcessor":{"QueryLanguage":"JSONPath","StartAt":"P","States":{"P":{"Type":"Succeed"}}}}}}
                    """));
        }

        @Test
        void pathOnlyBatchFieldIsRejectedInJsonataInAwsWords() {
            // floci #3733 quotes AWS's message.
            List<Diagnostic> diagnostics = validate("""
                    {"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","End":true,
                      "ItemBatcher":{"MaxItemsPerBatchPath":"$.n"},
                      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                        "StartAt":"P","States":{"P":{"Type":"Succeed"}}}}}}
                    """);
            assertSchema("The QueryLanguage is set to 'JSONata', but field 'MaxItemsPerBatchPath' is only supported"
                    + " for the 'JSONPath' QueryLanguage", "/States/M/ItemBatcher", diagnostics);
        }

        @Test
        void stringsPaddedAroundTheDelimitersAreLiterals() {
            // AWS ran " {% states.input %} " as a literal (conformance outputdecl BASE_LITERALS).
            assertEquals(List.of(), validate(one(
                    "{\"Type\":\"Pass\",\"QueryLanguage\":\"JSONata\",\"Output\":\" {% states.input %} \",\"End\":true}")));
        }

        @Test
        void jsonataTimestampExpressionIsNotCheckedAsALiteral() {
            assertEquals(List.of(), validate(one(
                    "{\"Type\":\"Wait\",\"QueryLanguage\":\"JSONata\",\"Timestamp\":\"{% $t %}\",\"End\":true}")));
        }
    }

    @Nested
    class Maps {

        private String map(String fields) {
            return one("{\"Type\":\"Map\",\"End\":true," + fields
                    + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"STANDARD\"},"
                    + "\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Succeed\"}}}}");
        }

        @Test
        void distributedModeNeedsAnExecutionType() {
            assertSchema("These fields are required: [ExecutionType]", "/States/S/ItemProcessor/ProcessorConfig",
                    validate(one("{\"Type\":\"Map\",\"End\":true,\"ItemProcessor\":{\"ProcessorConfig\":"
                            + "{\"Mode\":\"DISTRIBUTED\"},\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Succeed\"}}}}")));
        }

        @Test
        void expressMachinesHaveNoDistributedMap() {
            assertSchema("Express state machine does not support Distributed Map",
                    "/States/S/ItemProcessor/ProcessorConfig/Mode", validate(map(""), MachineType.EXPRESS));
        }

        @Test
        void expressChildrenOfADistributedMapCannotWaitForCallbacks() {
            assertSchema("Express state machine does not support '.waitForTaskToken' service integration ",
                    "/States/S/ItemProcessor/States/P/Resource", validate(one("""
                            {"Type":"Map","End":true,"ItemProcessor":{
                              "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"P",
                              "States":{"P":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                                             "End":true}}}}
                            """)));
        }

        @ParameterizedTest
        @CsvSource({
            "'\"ToleratedFailurePercentage\":101,', /States/S/ToleratedFailurePercentage, Maximum value is 100.0",
            "'\"ToleratedFailureCount\":-1,', /States/S/ToleratedFailureCount, Minimum value is 0",
            "'\"MaxConcurrency\":-1,', /States/S/MaxConcurrency, Minimum value is 0",
            "'\"ItemReader\":{\"Resource\":\"arn:aws:states:::s3:getObject\",\"ReaderConfig\":{\"MaxItems\":100000001}},',"
                    + " /States/S/ItemReader/ReaderConfig/MaxItems, Maximum value is 100000000"
        })
        void mapNumbersHaveAwsRanges(String fields, String location, String message) {
            // Wording from floci #3733, measured against AWS.
            assertSchema(message, location, validate(map(fields)));
        }

        @Test
        void maxItemsAndItsPathAreExclusive() {
            assertSchema("There should only be one of the following fields: [MaxItems, MaxItemsPath]",
                    "/States/S/ItemReader/ReaderConfig", validate(map("""
                            "ItemReader":{"Resource":"arn:aws:states:::s3:getObject",
                                          "ReaderConfig":{"MaxItems":1,"MaxItemsPath":"$.n"}},
                            """)));
        }

        @Test
        void labelsAreShortAndUnique() {
            String label = "x".repeat(41);
            assertOnly(Codes.INVALID_LABEL_NAME, "Invalid Label name: Label '" + label
                    + "' exceeds the 40-character limit allowed by the service", "/States/S/Label",
                    validate(map("\"Label\":\"" + label + "\",")));
            assertOnly(Codes.INVALID_LABEL_NAME, "Invalid Label name: Label 'a b' contains characters that are not"
                    + " allowed", "/States/S/Label", validate(map("\"Label\":\"a b\",")));
        }

        @Test
        void itemBatcherNeedsALimit() {
            assertSchema("There should be at least one of the following fields: [MaxItemsPerBatch,"
                    + " MaxItemsPerBatchPath, MaxInputBytesPerBatch, MaxInputBytesPerBatchPath]", "/States/S/ItemBatcher",
                    validate(map("\"ItemBatcher\":{\"BatchInput\":{}},")));
        }
    }

    @Nested
    class Variables {

        private List<Diagnostic> assign(String assign) {
            return validate(one("{\"Type\":\"Pass\",\"End\":true,\"Assign\":" + assign + "}"));
        }

        @Test
        void acceptsPlainAndDynamicNames() {
            assertEquals(List.of(), assign("{\"x\":1,\"y.$\":\"$.a\",\"z.$\":\"States.UUID()\"}"));
        }

        @Test
        void statesIsReserved() {
            assertSchema("The variable name 'states' is reserved", "/States/S/Assign/states", assign("{\"states\":1}"));
        }

        @Test
        void subPathsCannotBeAssigned() {
            assertSchema("Cannot assign to a sub-path of a variable: 'x.y'", "/States/S/Assign/x.y.$",
                    assign("{\"x.y.$\":\"$.a\"}"));
        }

        @Test
        void branchCannotAssignANameTheOuterScopeAssigns() {
            assertSchema("The variable 'x' is assigned in an outer scope and cannot be assigned in a nested scope",
                    "/States/P/Branches[0]/States/B/Assign/x", validate("""
                            {"StartAt":"A","States":{
                              "A":{"Type":"Pass","Assign":{"x":1},"Next":"P"},
                              "P":{"Type":"Parallel","End":true,"Branches":[
                                {"StartAt":"B","States":{"B":{"Type":"Pass","Assign":{"x":2},"End":true}}}]}}}
                            """));
        }

        @Test
        void siblingBranchesAndDistributedChildrenHaveTheirOwnScopes() {
            assertEquals(List.of(), validate("""
                    {"StartAt":"A","States":{
                      "A":{"Type":"Pass","Assign":{"x":1},"Next":"P"},
                      "P":{"Type":"Parallel","Next":"M","Branches":[
                        {"StartAt":"B1","States":{"B1":{"Type":"Pass","Assign":{"y":1},"End":true}}},
                        {"StartAt":"B2","States":{"B2":{"Type":"Pass","Assign":{"y":2},"End":true}}}]},
                      "M":{"Type":"Map","End":true,"ItemProcessor":{
                        "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                        "StartAt":"C","States":{"C":{"Type":"Pass","Assign":{"x":2},"End":true}}}}}}
                    """));
        }

        @Test
        void namesHaveAtMostEightyCharacters() {
            String name = "v".repeat(81);
            assertSchema("The variable name '" + name + "' must be between 1 and 80 characters long",
                    "/States/S/Assign/" + name, assign("{\"" + name + "\":1}"));
        }
    }

    @Nested
    class Paths {

        @Test
        void resultPathCannotBeAVariableOrTheContext() {
            assertSchema("Value is not a Reference Path", "/States/S/ResultPath",
                    validate(one("{\"Type\":\"Pass\",\"End\":true,\"ResultPath\":\"$$.x\"}")));
        }

        @Test
        void inputPathMustBeAPath() {
            assertSchema("The value for the field 'InputPath' must be a valid JSONPath", "/States/S/InputPath",
                    validate(one("{\"Type\":\"Pass\",\"End\":true,\"InputPath\":\"a.b\"}")));
        }

        @Test
        void nullPathsAreAllowed() {
            assertEquals(List.of(), validate(one(
                    "{\"Type\":\"Pass\",\"End\":true,\"InputPath\":null,\"OutputPath\":null,\"ResultPath\":null}")));
        }

        @Test
        void failErrorPathMayBeAnIntrinsic() {
            assertEquals(List.of(), validate(one(
                    "{\"Type\":\"Fail\",\"ErrorPath\":\"States.Format('E{}', $.n)\",\"CausePath\":\"$$.Execution.Id\"}")));
        }
    }
}
