package io.stepstream.api;

import static io.stepstream.api.ApiTesting.await;
import static io.stepstream.api.ApiTesting.awaitEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.KafkaEngine;
import io.stepstream.runtime.client.TaskWorker;
import io.stepstream.runtime.client.TopicTail;
import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.runtime.engine.TaskQueues;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.schemas.avro.Completion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveFilter;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/** RedriveExecution end to end: AWS's SDK client, the API, the engine on a real broker and a task worker. */
@ExtendWith(KafkaBrokerExtension.class)
class RedriveExecutionApiTest {
    private static final String KEY = "AKIDSTEPSTREAMREDRIVE";
    private static final String SECRET = "stepstream-redrive-secret";
    /** Branch Ok always succeeds; branch Flaky fails on its first call and succeeds after. */
    private static final String PARALLEL = """
            {"StartAt":"Prep","States":{"Prep":{"Type":"Pass","Result":{"n":1},"Next":"Both"},
             "Both":{"Type":"Parallel","End":true,"Branches":[
               {"StartAt":"Ok","States":{"Ok":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:ok","End":true}}},
               {"StartAt":"Flaky","States":{"Flaky":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:flaky","End":true}}}]}}}""";

    private static KafkaEngine engine;
    private static ApiServer server;
    private static TaskWorker worker;
    private static TopicTail completions;
    private static SfnClient sfn;
    private static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private static final List<Completion> completed = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start(Broker broker) throws Exception {
        Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target", "streams-state")), "redrive-");
        EngineConfig config = EngineConfig.builder(broker.bootstrapServers()).prefix("redrive-test").partitions(2)
                .stateDir(state).arnScope("us-east-1", "111111111111").taskTokenSecret(11)
                .timers(Duration.ofMillis(50), Duration.ofMillis(50)).build();
        engine = KafkaEngine.start(config);
        server = ApiServer.start(engine, ApiSettings.local(0).withCredentials(Map.of(KEY, SECRET)));
        worker = new TaskWorker(config, engine.client(), "redrive-test-worker",
                List.of(TaskQueues.DEFAULT, "lambda"), request -> {
            String function = request.getResource().substring(request.getResource().lastIndexOf(':') + 1);
            int n = calls.computeIfAbsent(request.getExecutionId() + "/" + function, k -> new AtomicInteger())
                    .incrementAndGet();
            return function.equals("flaky") && n == 1 ? TaskWorker.Answer.failure("Flaky.Error", "first call fails")
                    : TaskWorker.Answer.success("\"" + function + "\"");
        });
        EngineSerdes serdes = EngineSerdes.of(config.serdeConfig());
        completions = new TopicTail(broker.bootstrapServers(), List.of(config.names().completions()), true,
                record -> completed.add(serdes.completions().deserializer()
                        .deserialize(record.topic(), record.value())));
        sfn = ApiTesting.client(server, KEY, SECRET);
    }

    @AfterAll
    static void stop() {
        sfn.close();
        completions.close();
        worker.close();
        server.close();
        engine.close();
    }

    @Test
    void aFailedExecutionIsRedrivenFromItsFailedBranchAndEndsAgain() {
        String machine = sfn.createStateMachine(b -> b.name("redriven").definition(PARALLEL)
                .type(StateMachineType.STANDARD).roleArn("arn:aws:iam::111111111111:role/r")).stateMachineArn();
        String arn = sfn.startExecution(b -> b.stateMachineArn(machine).name("once")).executionArn();

        DescribeExecutionResponse failed = awaitEnd(sfn, arn);
        assertEquals(ExecutionStatus.FAILED, failed.status());
        assertEquals("Flaky.Error", failed.error());
        assertEquals(0, failed.redriveCount());
        assertNull(failed.redriveDate());
        assertEquals(ExecutionRedriveStatus.REDRIVABLE, failed.redriveStatus());
        assertNull(failed.redriveStatusReason());
        assertEquals(List.of(arn), listed(machine, ExecutionRedriveFilter.NOT_REDRIVEN));
        assertEquals(List.of(), listed(machine, ExecutionRedriveFilter.REDRIVEN));

        Instant redriveDate = sfn.redriveExecution(b -> b.executionArn(arn).clientToken("token-1")).redriveDate();

        assertNotNull(redriveDate);
        assertEquals(1, sfn.describeExecution(b -> b.executionArn(arn)).redriveCount(),
                "the redrive is visible once RedriveExecution answered");
        DescribeExecutionResponse done = awaitEnd(sfn, arn);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertEquals("[\"ok\",\"flaky\"]", done.output());
        assertEquals(arn, done.executionArn());
        assertEquals(failed.startDate(), done.startDate());
        assertEquals(1, done.redriveCount());
        assertEquals(redriveDate, done.redriveDate());
        assertEquals(ExecutionRedriveStatus.NOT_REDRIVABLE, done.redriveStatus());
        assertEquals("Execution is SUCCEEDED and cannot be redriven", done.redriveStatusReason());
        assertEquals(1, calls.get(arn + "/ok").get(), "the branch that succeeded is not run again");
        assertEquals(2, calls.get(arn + "/flaky").get());

        List<HistoryEvent> history = await(() -> { // the history is written a little after the state
            List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(1000)).events();
            return events.get(events.size() - 1).type() == HistoryEventType.EXECUTION_SUCCEEDED ? events : null;
        });
        List<HistoryEventType> types = history.stream().map(HistoryEvent::type).toList();
        int failedAt = types.indexOf(HistoryEventType.EXECUTION_FAILED);
        assertTrue(failedAt > 0, types.toString());
        HistoryEvent redriven = history.get(failedAt + 1);
        assertEquals(HistoryEventType.EXECUTION_REDRIVEN, redriven.type());
        assertEquals(1, redriven.executionRedrivenEventDetails().redriveCount());
        assertEquals(HistoryEventType.EXECUTION_SUCCEEDED, types.get(types.size() - 1));
        assertEquals(1, types.stream().filter(HistoryEventType.PASS_STATE_ENTERED::equals).count(),
                "Prep succeeded and is not run again");

        assertEquals(List.of("FAILED", "SUCCEEDED"), await(() -> {
            List<String> statuses = completed.stream().filter(c -> c.getExecutionId().equals(arn))
                    .map(c -> c.getStatus().name()).toList();
            return statuses.size() >= 2 ? statuses : null;
        }), "the completions topic carries a second completion for the redriven execution");

        List<ExecutionListItem> redrivenItems = sfn.listExecutions(b -> b.stateMachineArn(machine)
                .redriveFilter(ExecutionRedriveFilter.REDRIVEN)).executions();
        assertEquals(List.of(arn), redrivenItems.stream().map(ExecutionListItem::executionArn).toList());
        assertEquals(1, redrivenItems.get(0).redriveCount());
        assertEquals(redriveDate, redrivenItems.get(0).redriveDate());

        assertEquals(redriveDate, sfn.redriveExecution(b -> b.executionArn(arn).clientToken("token-1")).redriveDate(),
                "the same client token answers the same redrive");
        ExecutionNotRedrivableException refused = assertThrows(ExecutionNotRedrivableException.class,
                () -> sfn.redriveExecution(b -> b.executionArn(arn).clientToken("token-2")));
        assertTrue(refused.getMessage().contains("SUCCEEDED"), refused.getMessage());
    }

    @Test
    void aStoppedExecutionCanBeRedriven() {
        String machine = sfn.createStateMachine(b -> b.name("stopped").definition("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}""")
                .type(StateMachineType.STANDARD).roleArn("arn:aws:iam::111111111111:role/r")).stateMachineArn();
        String arn = sfn.startExecution(b -> b.stateMachineArn(machine).name("s1")).executionArn();
        sfn.stopExecution(b -> b.executionArn(arn).error("Stop"));
        assertEquals(ExecutionStatus.ABORTED, awaitEnd(sfn, arn).status());

        sfn.redriveExecution(b -> b.executionArn(arn));

        DescribeExecutionResponse running = sfn.describeExecution(b -> b.executionArn(arn));
        assertEquals(ExecutionStatus.RUNNING, running.status());
        assertEquals(ExecutionRedriveStatus.NOT_REDRIVABLE, running.redriveStatus());
        assertEquals("Execution is RUNNING and cannot be redriven", running.redriveStatusReason());
        sfn.stopExecution(b -> b.executionArn(arn));
        DescribeExecutionResponse again = awaitEnd(sfn, arn);
        assertEquals(ExecutionStatus.ABORTED, again.status());
        assertEquals(ExecutionRedriveStatus.REDRIVABLE, again.redriveStatus(), "aborted after a redrive: redrivable again");
        assertFalse(again.redriveDate() == null);
    }

    private static List<String> listed(String machine, ExecutionRedriveFilter filter) {
        return sfn.listExecutions(b -> b.stateMachineArn(machine).redriveFilter(filter)).executions().stream()
                .map(ExecutionListItem::executionArn).toList();
    }



}
