package io.stepstream.api;

import static io.stepstream.api.ApiTesting.awaitEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.KafkaEngine;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineVersionListItem;

/** Versions numbered apart from revisions, aliases over them, and the ARNs executions were started through. */
@ExtendWith(KafkaBrokerExtension.class)
class VersionsApiTest {
    private static final String KEY = "AKIDSTEPSTREAMTEST";
    private static final String SECRET = "stepstream-test-secret";
    private static final String ROLE = "arn:aws:iam::111111111111:role/r";

    private static KafkaEngine engine;
    private static ApiServer server;
    private static SfnClient sfn;

    @BeforeAll
    static void start(Broker broker) throws Exception {
        Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target", "streams-state")), "versions-");
        EngineConfig config = EngineConfig.builder(broker.bootstrapServers()).prefix("versions-test").partitions(2)
                .stateDir(state).arnScope("us-east-1", "111111111111").taskTokenSecret(7)
                .timers(Duration.ofMillis(50), Duration.ofMillis(50)).build();
        engine = KafkaEngine.start(config);
        server = ApiServer.start(engine, ApiSettings.local(0).withCredentials(Map.of(KEY, SECRET)));
        sfn = ApiTesting.client(server, KEY, SECRET);
    }

    @AfterAll
    static void stop() {
        sfn.close();
        server.close();
        engine.close();
    }

    private static String pass(Object result) {
        return "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Result\":" + result + ",\"End\":true}}}";
    }

    private static void update(String machine, Object result) {
        sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(pass(result)));
    }


    private static List<String> versions(String machine) {
        return sfn.listStateMachineVersions(b -> b.stateMachineArn(machine)).stateMachineVersions().stream()
                .map(StateMachineVersionListItem::stateMachineVersionArn).toList();
    }

    @Test
    void numbersPublishedVersionsApartFromRevisionsAndPublishesIdempotently() {
        String machine = sfn.createStateMachine(b -> b.name("numbered").definition(pass(1)).roleArn(ROLE))
                .stateMachineArn();
        update(machine, 2);
        update(machine, 3);
        assertEquals(List.of(), versions(machine));

        String first = sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine).description("three"))
                .stateMachineVersionArn();
        String again = sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine).description("three"))
                .stateMachineVersionArn();
        assertThrows(ConflictException.class,
                () -> sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine).description("other")));
        assertThrows(ConflictException.class,
                () -> sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine).revisionId("1")));
        String second = sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(pass(4)).publish(true)
                .versionDescription("four")).stateMachineVersionArn();

        assertEquals(machine + ":1", first);
        assertEquals(first, again);
        assertEquals(machine + ":2", second);
        assertEquals(List.of(second, first), versions(machine));
        var firstPage = sfn.listStateMachineVersions(b -> b.stateMachineArn(machine).maxResults(1));
        assertEquals(List.of(second), firstPage.stateMachineVersions().stream()
                .map(StateMachineVersionListItem::stateMachineVersionArn).toList());
        assertEquals(List.of(first), sfn.listStateMachineVersions(b -> b.stateMachineArn(machine)
                .nextToken(firstPage.nextToken())).stateMachineVersions().stream()
                .map(StateMachineVersionListItem::stateMachineVersionArn).toList());
        var v1 = sfn.describeStateMachine(b -> b.stateMachineArn(first));
        assertEquals(pass(3), v1.definition());
        assertEquals("3", v1.revisionId());
        assertEquals("three", v1.description());
        assertEquals(first, v1.stateMachineArn());
        assertEquals("4", sfn.describeStateMachine(b -> b.stateMachineArn(machine)).revisionId());
    }

    @Test
    void reportsTheVersionAndAliasAnExecutionWasStartedThrough() {
        String machine = sfn.createStateMachine(b -> b.name("through").definition(pass(1)).roleArn(ROLE).publish(true))
                .stateMachineArn();
        update(machine, 2);
        String version = machine + ":1";
        String alias = sfn.createStateMachineAlias(b -> b.name("live").routingConfiguration(
                r -> r.stateMachineVersionArn(version).weight(100))).stateMachineAliasArn();

        DescribeExecutionResponse byAlias = awaitEnd(sfn, sfn.startExecution(b -> b.stateMachineArn(alias).name("a"))
                .executionArn());
        DescribeExecutionResponse byVersion = awaitEnd(sfn, sfn.startExecution(b -> b.stateMachineArn(version).name("v"))
                .executionArn());
        DescribeExecutionResponse latest = awaitEnd(sfn, sfn.startExecution(b -> b.stateMachineArn(machine).name("l"))
                .executionArn());

        assertEquals("1", byAlias.output());
        assertEquals(version, byAlias.stateMachineVersionArn());
        assertEquals(alias, byAlias.stateMachineAliasArn());
        assertEquals(machine, byAlias.stateMachineArn());
        assertEquals("1", byVersion.output());
        assertEquals(version, byVersion.stateMachineVersionArn());
        assertNull(byVersion.stateMachineAliasArn());
        assertEquals("2", latest.output());
        assertNull(latest.stateMachineVersionArn());
        assertNull(latest.stateMachineAliasArn());
        List<ExecutionListItem> all = sfn.listExecutions(b -> b.stateMachineArn(machine)).executions();
        ExecutionListItem listedByAlias = all.stream().filter(e -> e.name().equals("a")).findFirst().orElseThrow();
        assertEquals(alias, listedByAlias.stateMachineAliasArn());
        assertEquals(version, listedByAlias.stateMachineVersionArn());
        assertEquals(List.of("a"), sfn.listExecutions(b -> b.stateMachineArn(alias)).executions().stream()
                .map(ExecutionListItem::name).toList());
        assertEquals(List.of("v", "a"), sfn.listExecutions(b -> b.stateMachineArn(version)).executions().stream()
                .map(ExecutionListItem::name).toList());
    }

    @Test
    void routesAliasesToPublishedVersionsOnlyAndKeepsTheVersionsTheyUse() {
        String machine = sfn.createStateMachine(b -> b.name("pinned").definition(pass(1)).roleArn(ROLE).publish(true))
                .stateMachineArn();
        update(machine, 2); // revision 2, never published
        String version = machine + ":1";
        assertThrows(ResourceNotFoundException.class, () -> sfn.createStateMachineAlias(b -> b.name("bad")
                .routingConfiguration(r -> r.stateMachineVersionArn(machine + ":2").weight(100))));
        String alias = sfn.createStateMachineAlias(b -> b.name("prod").routingConfiguration(
                r -> r.stateMachineVersionArn(version).weight(100))).stateMachineAliasArn();

        assertThrows(ConflictException.class, () -> sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(version)));
        sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(alias));
        sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(version));

        assertEquals(List.of(), versions(machine));
        assertThrows(StateMachineDoesNotExistException.class,
                () -> sfn.startExecution(b -> b.stateMachineArn(version).name("gone")));
        assertEquals(machine + ":2", sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine))
                .stateMachineVersionArn()); // a deleted version's number is not given again
    }

    @Test
    void refusesToDescribeAnExpressExecutionAsAwsDoes() {
        String machine = sfn.createStateMachine(b -> b.name("fast").definition(pass(1)).roleArn(ROLE)
                .type(StateMachineType.EXPRESS)).stateMachineArn();
        String arn = sfn.startExecution(b -> b.stateMachineArn(machine).name("x1")).executionArn();

        InvalidArnException e = assertThrows(InvalidArnException.class,
                () -> sfn.describeExecution(b -> b.executionArn(arn)));
        assertEquals("Invalid Arn: 'Resource type not valid in this context: express'",
                e.awsErrorDetails().errorMessage());
    }
}
