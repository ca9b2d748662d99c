package io.stepstream.api;

import static io.stepstream.api.ApiTesting.await;
import static io.stepstream.api.ApiTesting.awaitEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.KafkaEngine;
import io.stepstream.runtime.client.TaskWorker;
import io.stepstream.runtime.engine.TaskQueues;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;

/** The Step Functions API driven by AWS's own SDK client against an engine on a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
class StepFunctionsApiTest {
    private static final String KEY = "AKIDSTEPSTREAMTEST";
    private static final String SECRET = "stepstream-test-secret";
    private static final String PASS = """
            {"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"greeting":"Hello"},"ResultPath":"$.r","End":true}}}""";
    private static final String CALLBACK = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:hold",
             "End":true}}}""";

    private static KafkaEngine engine;
    private static ApiServer server;
    private static TaskWorker worker;
    private static SfnClient sfn;
    private static final Map<String, String> tokens = new ConcurrentHashMap<>();

    @BeforeAll
    static void start(Broker broker) throws Exception {
        Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target", "streams-state")), "api-");
        EngineConfig config = EngineConfig.builder(broker.bootstrapServers()).prefix("api-test").partitions(2)
                .stateDir(state).arnScope("us-east-1", "111111111111").taskTokenSecret(7)
                .timers(Duration.ofMillis(50), Duration.ofMillis(50)).build();
        engine = KafkaEngine.start(config);
        server = ApiServer.start(engine, ApiSettings.local(0).withCredentials(Map.of(KEY, SECRET)));
        worker = new TaskWorker(config, engine.client(), "api-test-worker",
                List.of(TaskQueues.DEFAULT, "lambda"), request -> {
            tokens.put(request.getExecutionId(), request.getTaskToken());
            return null; // answered through the API
        });
        sfn = client(KEY, SECRET);
    }

    static SfnClient client(String key, String secret) {
        return ApiTesting.client(server, key, secret);
    }

    @AfterAll
    static void stop() {
        sfn.close();
        worker.close();
        server.close();
        engine.close();
    }

    private static String create(String name, String definition, StateMachineType type) {
        return sfn.createStateMachine(b -> b.name(name).definition(definition).type(type)
                .roleArn("arn:aws:iam::111111111111:role/r")).stateMachineArn();
    }



    @Test
    void createsDescribesAndListsAStateMachine() {
        String arn = create("greeter", PASS, StateMachineType.STANDARD);

        assertEquals("arn:aws:states:us-east-1:111111111111:stateMachine:greeter", arn);
        var described = sfn.describeStateMachine(b -> b.stateMachineArn(arn));
        assertEquals(PASS, described.definition());
        assertEquals(StateMachineType.STANDARD, described.type());
        assertTrue(sfn.listStateMachines(b -> {}).stateMachines().stream().anyMatch(m -> m.stateMachineArn().equals(arn)));
    }

    @Test
    void rejectsAnInvalidDefinitionWithAwsDiagnostics() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> create("broken",
                "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"}}}", StateMachineType.STANDARD));

        assertTrue(e.getMessage().contains("MISSING_TRANSITION_TARGET"), e.getMessage());
        var validation = sfn.validateStateMachineDefinition(b -> b.definition("{\"StartAt\":\"A\",\"States\":{}}"));
        assertEquals(ValidateStateMachineDefinitionResultCode.FAIL, validation.result());
        assertFalse(validation.diagnostics().isEmpty());
    }

    @Test
    void startsAnExecutionDescribesItAndReadsItsHistory() {
        String machine = create("hello", PASS, StateMachineType.STANDARD);

        String arn = sfn.startExecution(b -> b.stateMachineArn(machine).name("e1").input("{\"n\":1}")).executionArn();
        DescribeExecutionResponse done = awaitEnd(sfn, arn);

        assertEquals("arn:aws:states:us-east-1:111111111111:execution:hello:e1", arn);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertEquals("{\"n\":1,\"r\":{\"greeting\":\"Hello\"}}", done.output());
        assertNotNull(done.stopDate());
        GetExecutionHistoryResponse history = await(() -> {
            GetExecutionHistoryResponse h = sfn.getExecutionHistory(b -> b.executionArn(arn));
            return h.events().size() == 4 ? h : null;
        });
        assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.PASS_STATE_ENTERED,
                HistoryEventType.PASS_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED),
                history.events().stream().map(HistoryEvent::type).toList());
        assertEquals("{\"n\":1}", history.events().get(0).executionStartedEventDetails().input());
        assertEquals("A", history.events().get(1).stateEnteredEventDetails().name());
        assertEquals(done.output(), history.events().get(3).executionSucceededEventDetails().output());
    }

    @Test
    void pagesThroughHistoryInEitherOrderWithoutData() {
        String machine = create("paged", PASS, StateMachineType.STANDARD);
        String arn = sfn.startExecution(b -> b.stateMachineArn(machine).name("p1")).executionArn();
        awaitEnd(sfn, arn);
        await(() -> sfn.getExecutionHistory(b -> b.executionArn(arn)).events().size() == 4 ? true : null);

        var first = sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(3).reverseOrder(true)
                .includeExecutionData(false));
        var rest = sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(3).reverseOrder(true)
                .nextToken(first.nextToken()));

        assertEquals(List.of(4L, 3L, 2L), first.events().stream().map(HistoryEvent::id).toList());
        assertEquals(null, first.events().get(0).executionSucceededEventDetails().output());
        assertEquals(List.of(1L), rest.events().stream().map(HistoryEvent::id).toList());
        assertEquals(null, rest.nextToken());
    }

    @Test
    void answersAStartOfTheSameNameAsAws() {
        String machine = create("twice", PASS, StateMachineType.STANDARD);
        String arn = sfn.startExecution(b -> b.stateMachineArn(machine).name("x").input("{}")).executionArn();
        awaitEnd(sfn, arn);

        assertThrows(ExecutionAlreadyExistsException.class,
                () -> sfn.startExecution(b -> b.stateMachineArn(machine).name("x").input("{}")));
        assertThrows(StateMachineDoesNotExistException.class, () -> sfn.startExecution(b -> b.stateMachineArn(
                "arn:aws:states:us-east-1:111111111111:stateMachine:nobody")));
        assertThrows(ExecutionDoesNotExistException.class, () -> sfn.describeExecution(b -> b.executionArn(
                "arn:aws:states:us-east-1:111111111111:execution:twice:never")));
    }

    @Test
    void completesACallbackTaskThroughSendTaskSuccess() {
        String machine = create("callback", CALLBACK, StateMachineType.STANDARD);
        String arn = sfn.startExecution(b -> b.stateMachineArn(machine).name("c1").input("{\"a\":1}")).executionArn();
        String token = await(() -> tokens.get(arn));

        sfn.sendTaskHeartbeat(b -> b.taskToken(token));
        sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"done\":true}"));
        DescribeExecutionResponse done = awaitEnd(sfn, arn);

        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertEquals("{\"done\":true}", done.output());
        assertThrows(TaskTimedOutException.class, () -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")));
    }

    @Test
    void failsACallbackTaskThroughSendTaskFailure() {
        String machine = create("callback-fail", CALLBACK, StateMachineType.STANDARD);
        String arn = sfn.startExecution(b -> b.stateMachineArn(machine).name("f1")).executionArn();
        String token = await(() -> tokens.get(arn));

        sfn.sendTaskFailure(b -> b.taskToken(token).error("Boom").cause("it broke"));
        DescribeExecutionResponse done = awaitEnd(sfn, arn);

        assertEquals(ExecutionStatus.FAILED, done.status());
        assertEquals("Boom", done.error());
        assertEquals("it broke", done.cause());
    }

    @Test
    void stopsARunningExecution() {
        String machine = create("sleeper", """
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":600,"End":true}}}""", StateMachineType.STANDARD);
        String arn = sfn.startExecution(b -> b.stateMachineArn(machine).name("s1")).executionArn();
        assertEquals(ExecutionStatus.RUNNING, sfn.describeExecution(b -> b.executionArn(arn)).status());

        sfn.stopExecution(b -> b.executionArn(arn).error("Halt").cause("enough"));
        DescribeExecutionResponse done = awaitEnd(sfn, arn);

        assertEquals(ExecutionStatus.ABORTED, done.status());
        assertEquals("Halt", done.error());
        ListExecutionsResponse aborted = sfn.listExecutions(b -> b.stateMachineArn(machine).statusFilter("ABORTED"));
        assertEquals(List.of(arn), aborted.executions().stream().map(e -> e.executionArn()).toList());
    }

    @Test
    void listsExecutionsNewestFirstPageByPage() {
        String machine = create("many", PASS, StateMachineType.STANDARD);
        for (String name : List.of("m1", "m2", "m3")) {
            awaitEnd(sfn, sfn.startExecution(b -> b.stateMachineArn(machine).name(name)).executionArn());
        }

        ListExecutionsResponse first = sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(2));
        ListExecutionsResponse second = sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(2)
                .nextToken(first.nextToken()));

        assertEquals(List.of("m3", "m2"), first.executions().stream().map(e -> e.name()).toList());
        assertEquals(List.of("m1"), second.executions().stream().map(e -> e.name()).toList());
        assertEquals(null, second.nextToken());
    }

    @Test
    void runsAnExpressMachineSynchronously() {
        String machine = create("express", PASS, StateMachineType.EXPRESS);

        StartSyncExecutionResponse result = sfn.startSyncExecution(b -> b.stateMachineArn(machine).input("{\"n\":2}"));

        assertEquals(SyncExecutionStatus.SUCCEEDED, result.status());
        assertEquals("{\"n\":2,\"r\":{\"greeting\":\"Hello\"}}", result.output());
        assertTrue(result.executionArn().contains(":express:express:"), result.executionArn());
    }

    @Test
    void runsAPublishedVersionAfterTheMachineChanged() {
        String machine = sfn.createStateMachine(b -> b.name("versioned").definition(PASS).publish(true)
                .roleArn("arn:aws:iam::111111111111:role/r")).stateMachineArn();
        String v2 = sfn.updateStateMachine(b -> b.stateMachineArn(machine).publish(true).definition("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Result":2,"End":true}}}""")).stateMachineVersionArn();

        String onV1 = sfn.startExecution(b -> b.stateMachineArn(machine + ":1").name("v1")).executionArn();
        String onLatest = sfn.startExecution(b -> b.stateMachineArn(machine).name("latest")).executionArn();

        assertEquals(machine + ":2", v2);
        assertEquals("{\"r\":{\"greeting\":\"Hello\"}}", awaitEnd(sfn, onV1).output());
        assertEquals("2", awaitEnd(sfn, onLatest).output());
        assertEquals(List.of(machine + ":2", machine + ":1"), sfn.listStateMachineVersions(b -> b.stateMachineArn(machine))
                .stateMachineVersions().stream().map(v -> v.stateMachineVersionArn()).toList());
        assertEquals(PASS, sfn.describeStateMachineForExecution(b -> b.executionArn(onV1)).definition());
    }

    @Test
    void refusesRequestsNotSignedWithAConfiguredKey() {
        try (SfnClient wrongSecret = client(KEY, "not-the-secret"); SfnClient unknownKey = client("AKIDNOBODY", SECRET)) {
            SfnException bad = assertThrows(SfnException.class, () -> wrongSecret.listStateMachines(b -> {}));
            SfnException unknown = assertThrows(SfnException.class, () -> unknownKey.listStateMachines(b -> {}));

            assertEquals("InvalidSignatureException", bad.awsErrorDetails().errorCode());
            assertEquals(400, bad.statusCode());
            assertEquals("UnrecognizedClientException", unknown.awsErrorDetails().errorCode());
        }
    }

    @Test
    void deletesAStateMachine() {
        String machine = create("doomed", PASS, StateMachineType.STANDARD);

        sfn.deleteStateMachine(b -> b.stateMachineArn(machine));

        assertThrows(StateMachineDoesNotExistException.class, () -> sfn.describeStateMachine(b -> b.stateMachineArn(machine)));
        assertFalse(sfn.listStateMachines(b -> {}).stateMachines().stream().anyMatch(m -> m.name().equals("doomed")));
    }

    @Test
    void routesStartsThroughAnAliasByWeightTheSameWayForTheSameName() {
        String machine = sfn.createStateMachine(b -> b.name("aliased").definition(PASS).publish(true)
                .roleArn("arn:aws:iam::111111111111:role/r")).stateMachineArn();
        sfn.updateStateMachine(b -> b.stateMachineArn(machine).publish(true).definition("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Result":2,"End":true}}}"""));
        String alias = sfn.createStateMachineAlias(b -> b.name("live").description("canary").routingConfiguration(
                r -> r.stateMachineVersionArn(machine + ":1").weight(50),
                r -> r.stateMachineVersionArn(machine + ":2").weight(50))).stateMachineAliasArn();

        List<String> outputs = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = "a" + i;
            outputs.add(awaitEnd(sfn, sfn.startExecution(b -> b.stateMachineArn(alias).name(name)).executionArn()).output());
        }
        sfn.updateStateMachineAlias(b -> b.stateMachineAliasArn(alias).routingConfiguration(
                r -> r.stateMachineVersionArn(machine + ":2").weight(100)));
        String allOnTwo = awaitEnd(sfn, sfn.startExecution(b -> b.stateMachineArn(alias).name("b1")).executionArn()).output();

        assertEquals(machine + ":live", alias);
        assertTrue(outputs.contains("2") && outputs.contains("{\"r\":{\"greeting\":\"Hello\"}}"), outputs.toString());
        assertEquals("2", allOnTwo);
        var described = sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias));
        assertEquals("canary", described.description());
        assertEquals(List.of(machine + ":2"), described.routingConfiguration().stream()
                .map(r -> r.stateMachineVersionArn()).toList());
        assertEquals(List.of(alias), sfn.listStateMachineAliases(b -> b.stateMachineArn(machine)).stateMachineAliases()
                .stream().map(a -> a.stateMachineAliasArn()).toList());
        sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(alias));
        assertThrows(software.amazon.awssdk.services.sfn.model.ResourceNotFoundException.class,
                () -> sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias)));
    }

    @Test
    void testsOneStateWithAnInputAndAMockedResult() {
        var pass = sfn.testState(b -> b.roleArn("arn:aws:iam::111111111111:role/r").input("{\"a\":1}").definition("""
                {"Type":"Pass","Parameters":{"b.$":"$.a"},"Next":"After"}"""));
        var mocked = sfn.testState(b -> b.roleArn("arn:aws:iam::111111111111:role/r").input("{}")
                .mock(m -> m.result("{\"ok\":1}")).definition("""
                {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","ResultSelector":{"v.$":"$.ok"},"End":true}"""));
        var caught = sfn.testState(b -> b.roleArn("arn:aws:iam::111111111111:role/r").input("{}")
                .mock(m -> m.errorOutput(e -> e.error("Boom").cause("bad"))).definition("""
                {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,
                 "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Handler"}]}"""));

        assertEquals("SUCCEEDED", pass.statusAsString());
        assertEquals("{\"b\":1}", pass.output());
        assertEquals("After", pass.nextState());
        assertEquals("{\"v\":1}", mocked.output());
        assertEquals("CAUGHT_ERROR", caught.statusAsString());
        assertEquals("Handler", caught.nextState());
        assertTrue(caught.output().contains("Boom"), caught.output());
    }

    @Test
    void refusesToRedriveAsAwsDoesForExecutionsItCannotRedrive() {
        String machine = create("no-redrive", PASS, StateMachineType.STANDARD);
        String arn = sfn.startExecution(b -> b.stateMachineArn(machine).name("r1")).executionArn();
        awaitEnd(sfn, arn);

        assertThrows(software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException.class,
                () -> sfn.redriveExecution(b -> b.executionArn(arn)));
    }
}
