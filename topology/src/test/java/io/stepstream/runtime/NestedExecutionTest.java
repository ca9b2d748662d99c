package io.stepstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.runtime.client.EngineClient;
import io.stepstream.runtime.client.ExecutionOutcome;
import io.stepstream.runtime.client.TaskWorker;
import io.stepstream.runtime.engine.TaskQueues;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.schemas.avro.ExecutionStatus;
import io.stepstream.schemas.avro.TaskRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nested executions ({@code arn:aws:states:::states:startExecution}) through the engine on a real
 * broker: request-response, {@code .sync}, {@code .sync:2}, {@code .waitForTaskToken}, a failing
 * child, Express children of a Standard parent, and a stopped parent stopping its child. Expected
 * shapes are AWS's (LocalStack snapshots recorded against AWS, test_callback / test_sfn_task_service).
 */
@ExtendWith(KafkaBrokerExtension.class)
class NestedExecutionTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String MACHINES = "arn:aws:states:us-east-1:111111111111:stateMachine:";
    private static KafkaEngine engine;
    private static EngineClient client;
    private static TaskWorker worker;

    @BeforeAll
    static void start(Broker broker) {
        engine = TestEngines.start(broker, "nested-test");
        client = engine.client();
        worker = new TaskWorker(engine.config(), client, "nested-test-worker", List.of(TaskQueues.DEFAULT, "lambda"),
                NestedExecutionTest::work);
        engine.deploy("child-ok", """
                {"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"Arg1":"argument1"},"End":true}}}""",
                MachineType.STANDARD);
        engine.deploy("child-fails", """
                {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"SomeFailure",
                 "Cause":"This state machines raises a 'SomeFailure' failure."}}}""", MachineType.STANDARD);
        engine.deploy("child-echo", """
                {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", MachineType.EXPRESS);
        engine.deploy("child-waits", """
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":120,"End":true}}}""", MachineType.STANDARD);
        engine.deploy("child-calls-back", """
                {"StartAt":"T","States":{"T":{"Type":"Task",
                 "Resource":"arn:aws:lambda:us-east-1:111111111111:function:callback","End":true}}}""",
                MachineType.STANDARD);
    }

    /** The child's Lambda answers its parent's .waitForTaskToken with the token it was given. */
    private static TaskWorker.Answer work(TaskRequest request) {
        JsonNode input = Json.parse(request.getInput());
        client.sendTaskSuccess(input.path("token").asText(), "{\"calledBack\":" + input.path("n") + "}");
        return TaskWorker.Answer.success("{}");
    }

    @AfterAll
    static void stop() {
        worker.close();
        engine.close();
    }

    private static String parent(String name, String suffix, String parameters) {
        engine.deploy(name, """
                {"StartAt":"Start","States":{"Start":{"Type":"Task",
                 "Resource":"arn:aws:states:::states:startExecution%s","Parameters":%s,"End":true}}}"""
                .formatted(suffix, parameters), MachineType.STANDARD);
        return name;
    }

    private static ExecutionOutcome run(String machine, String input) throws InterruptedException {
        return client.awaitOutcome(client.startExecution(machine, "e1", input), WAIT);
    }

    @Test
    void requestResponseAnswersWithTheChildsArnAndStartDateAndTheChildRuns() throws Exception {
        parent("rr", "", """
                {"StateMachineArn":"%schild-ok","Input":{"a":1},"Name":"rr-child"}""".formatted(MACHINES));

        ExecutionOutcome outcome = run("rr", "{}");

        assertEquals(ExecutionStatus.SUCCEEDED, outcome.status(), outcome.toString());
        JsonNode output = Json.parse(outcome.completion().getOutput());
        String childArn = "arn:aws:states:us-east-1:111111111111:execution:child-ok:rr-child";
        assertEquals(List.of("ExecutionArn", "StartDate"), fields(output));
        assertEquals(childArn, output.get("ExecutionArn").asText());
        assertTrue(output.get("StartDate").isIntegralNumber(), output.toString());
        assertEquals(outcome.completion().getStartDate().toEpochMilli(), output.get("StartDate").asLong());
        ExecutionOutcome child = client.awaitOutcome(childArn, WAIT);
        assertEquals(ExecutionStatus.SUCCEEDED, child.status(), child.toString());
    }

    @Test
    void syncReturnsTheChildsDescriptionWithInputAndOutputAsJsonText() throws Exception {
        parent("sync", ".sync", """
                {"StateMachineArn":"%schild-ok","Input":null,"Name":"TestStartTarget"}""".formatted(MACHINES));

        ExecutionOutcome outcome = run("sync", "{}");

        assertEquals(ExecutionStatus.SUCCEEDED, outcome.status(), outcome.toString());
        JsonNode output = Json.parse(outcome.completion().getOutput());
        assertEquals(List.of("ExecutionArn", "Input", "InputDetails", "Name", "Output", "OutputDetails",
                "RedriveCount", "RedriveStatus", "RedriveStatusReason", "StartDate", "StateMachineArn", "Status",
                "StopDate"), fields(output));
        assertEquals("arn:aws:states:us-east-1:111111111111:execution:child-ok:TestStartTarget",
                output.get("ExecutionArn").asText());
        assertEquals("{}", output.get("Input").asText());
        assertEquals("{\"Arg1\":\"argument1\"}", output.get("Output").asText());
        assertEquals("{\"Included\":true}", Json.write(output.get("OutputDetails")));
        assertEquals("TestStartTarget", output.get("Name").asText());
        assertEquals(MACHINES + "child-ok", output.get("StateMachineArn").asText());
        assertEquals("SUCCEEDED", output.get("Status").asText());
        assertTrue(output.get("StopDate").asLong() >= output.get("StartDate").asLong(), output.toString());
    }

    @Test
    void sync2ReturnsTheSameDescriptionWithInputAndOutputAsJson() throws Exception {
        parent("sync2", ".sync:2", """
                {"StateMachineArn":"%schild-ok","Input":"{\\"from\\":\\"a string\\"}","Name":"sync2-child"}"""
                .formatted(MACHINES));

        ExecutionOutcome outcome = run("sync2", "{}");

        assertEquals(ExecutionStatus.SUCCEEDED, outcome.status(), outcome.toString());
        JsonNode output = Json.parse(outcome.completion().getOutput());
        assertEquals("{\"from\":\"a string\"}", Json.write(output.get("Input")));
        assertEquals("{\"Arg1\":\"argument1\"}", Json.write(output.get("Output")));
    }

    @Test
    void aFailedChildFailsTheParentsTaskWithTheChildsDescriptionAsCause() throws Exception {
        parent("sync-fails", ".sync", """
                {"StateMachineArn":"%schild-fails","Name":"TestStartTarget"}""".formatted(MACHINES));

        ExecutionOutcome outcome = run("sync-fails", "{}");

        assertEquals(ExecutionStatus.FAILED, outcome.status(), outcome.toString());
        assertEquals("States.TaskFailed", outcome.completion().getError());
        JsonNode cause = Json.parse(outcome.completion().getCause());
        assertEquals(List.of("Cause", "Error", "ExecutionArn", "Input", "InputDetails", "Name", "RedriveCount",
                "RedriveStatus", "StartDate", "StateMachineArn", "Status", "StopDate"), fields(cause));
        assertEquals("SomeFailure", cause.get("Error").asText());
        assertEquals("This state machines raises a 'SomeFailure' failure.", cause.get("Cause").asText());
        assertEquals("FAILED", cause.get("Status").asText());
        assertEquals("{}", cause.get("Input").asText());
    }

    @Test
    void aStandardParentRunsExpressChildrenAndWaitsForThem() throws Exception {
        parent("to-express", ".sync:2", """
                {"StateMachineArn":"%schild-echo","Input":{"n.$":"$.n"}}""".formatted(MACHINES));

        ExecutionOutcome outcome = run("to-express", "{\"n\":7}");

        assertEquals(ExecutionStatus.SUCCEEDED, outcome.status(), outcome.toString());
        JsonNode output = Json.parse(outcome.completion().getOutput());
        assertTrue(output.get("ExecutionArn").asText().startsWith(
                "arn:aws:states:us-east-1:111111111111:express:child-echo:"), output.toString());
        assertEquals("{\"n\":7}", Json.write(output.get("Output")));
        assertFalse(output.has("RedriveStatus"), "Express executions are not redrivable");
    }

    @Test
    void aMapFansOutToOneExpressChildPerItem() throws Exception {
        engine.deploy("fan-out", """
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{
                  "StartAt":"C","States":{"C":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
                   "Parameters":{"StateMachineArn":"%schild-echo","Input.$":"$"},"OutputPath":"$.Output","End":true}}},
                 "End":true}}}""".formatted(MACHINES), MachineType.STANDARD);

        ExecutionOutcome outcome = run("fan-out", "{\"items\":[{\"i\":1},{\"i\":2},{\"i\":3}]}");

        assertEquals(ExecutionStatus.SUCCEEDED, outcome.status(), outcome.toString());
        assertEquals("[{\"i\":1},{\"i\":2},{\"i\":3}]", outcome.completion().getOutput());
    }

    @Test
    void waitForTaskTokenWaitsForWhoeverTheChildHandsTheTokenTo() throws Exception {
        parent("callback", ".waitForTaskToken", """
                {"StateMachineArn":"%schild-calls-back","Input":{"token.$":"$$.Task.Token","n":5}}"""
                .formatted(MACHINES));

        ExecutionOutcome outcome = run("callback", "{}");

        assertEquals(ExecutionStatus.SUCCEEDED, outcome.status(), outcome.toString());
        assertEquals("{\"calledBack\":5}", outcome.completion().getOutput());
    }

    @Test
    void aMachineThatDoesNotExistFailsTheTaskWithStepFunctionsError() throws Exception {
        parent("missing", ".sync", """
                {"StateMachineArn":"%snobody"}""".formatted(MACHINES));

        ExecutionOutcome outcome = run("missing", "{}");

        assertEquals(ExecutionStatus.FAILED, outcome.status(), outcome.toString());
        assertEquals("StepFunctions.StateMachineDoesNotExistException", outcome.completion().getError());
    }

    @Test
    void aChildNameThatIsTakenFailsTheSyncTaskWithExecutionAlreadyExists() throws Exception {
        assertEquals(ExecutionStatus.SUCCEEDED, client.awaitOutcome(
                client.startExecution("child-ok", "taken", "{}"), WAIT).status());
        parent("sync-taken", ".sync", """
                {"StateMachineArn":"%schild-ok","Input":{"other":true},"Name":"taken"}""".formatted(MACHINES));

        ExecutionOutcome outcome = run("sync-taken", "{}");

        assertEquals(ExecutionStatus.FAILED, outcome.status(), outcome.toString());
        assertEquals("StepFunctions.ExecutionAlreadyExistsException", outcome.completion().getError());
        assertEquals("Execution Already Exists: 'arn:aws:states:us-east-1:111111111111:execution:child-ok:taken'",
                outcome.completion().getCause());
    }

    @Test
    void stoppingAParentStopsTheChildItWaitsOn() throws Exception {
        parent("sync-stop", ".sync", """
                {"StateMachineArn":"%schild-waits","Name":"stopped-child"}""".formatted(MACHINES));
        String childArn = "arn:aws:states:us-east-1:111111111111:execution:child-waits:stopped-child";
        List<String> seen = new CopyOnWriteArrayList<>();
        String parentArn;
        try (AutoCloseable tail = client.onTransitions(batch -> seen.add(batch.getExecutionId()))) {
            parentArn = client.startExecution("sync-stop", "e1", "{}");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!seen.contains(childArn) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        assertTrue(seen.contains(childArn), "the child never started");

        client.stopExecution(parentArn, "Stop", "by the test");

        assertEquals(ExecutionStatus.ABORTED, client.awaitOutcome(parentArn, WAIT).status());
        ExecutionOutcome child = client.awaitOutcome(childArn, WAIT);
        assertEquals(ExecutionStatus.ABORTED, child.status(), child.toString());
        assertEquals("The Task state in AWS Step Functions execution [" + parentArn
                + "] which was managing this resource was aborted", child.completion().getCause());
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
