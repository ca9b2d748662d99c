package io.stepstream.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.asl.model.MachineType;
import io.stepstream.cli.Main;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.KafkaEngine;
import io.stepstream.runtime.client.EngineClient;
import io.stepstream.runtime.client.ExecutionOutcome;
import io.stepstream.runtime.client.TaskWorker;
import io.stepstream.runtime.engine.TaskQueues;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.runtime.replay.ExecutionResult.Verdict;
import io.stepstream.schemas.avro.TaskRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Replay against a real broker and engine: a mixed workload replays to exactly the recorded
 * transitions and completions, without dispatching a task; a changed definition is reported with
 * its first differing event; one execution's state can be rebuilt at any event.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ReplayTest {
    private static final int EXECUTIONS = Integer.getInteger("replay.executions", 2000);
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final String FN = "arn:aws:lambda:us-east-1:111111111111:function:";
    private static final Map<String, String> MACHINES = Map.of(
            "timers", """
                    {"StartAt":"Id","States":{
                     "Id":{"Type":"Pass","Parameters":{"uuid.$":"States.UUID()","id.$":"$$.Execution.Id",
                       "started.$":"$$.Execution.StartTime","dice.$":"States.MathRandom(1, 1000)","n.$":"$.n"},"Next":"W"},
                     "W":{"Type":"Wait","Seconds":1,"Next":"T"},
                     "T":{"Type":"Task","Resource":"%secho","ResultPath":"$.task","Next":"C"},
                     "C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":5,"Next":"Big"}],"Default":"Small"},
                     "Big":{"Type":"Pass","Result":"big","ResultPath":"$.size","End":true},
                     "Small":{"Type":"Succeed"}}}""".formatted(FN),
            "fanout", """
                    {"StartAt":"P","States":{
                     "P":{"Type":"Parallel","Next":"M","ResultPath":"$.parallel","Branches":[
                       {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"%1$secho","Parameters":{"u.$":"States.UUID()"},
                         "End":true}}},
                       {"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":1,"Next":"C"},
                         "C":{"Type":"Task","Resource":"%1$sflaky","Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":1,
                           "MaxAttempts":2,"JitterStrategy":"FULL"}],"End":true}}}]},
                     "M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"ResultPath":"$.map","End":true,
                       "ItemSelector":{"item.$":"$$.Map.Item.Value","u.$":"States.UUID()"},
                       "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"I","States":{
                         "I":{"Type":"Task","Resource":"%1$secho","End":true}}}}}}""".formatted(FN),
            "jsonata", """
                    {"QueryLanguage":"JSONata","StartAt":"Gen","States":{
                     "Gen":{"Type":"Pass","Output":{"id":"{%% $uuid() %%}","now":"{%% $now() %%}","r":"{%% $random() %%}",
                       "items":"{%% [1..3] %%}","n":"{%% $states.input.n %%}"},"Next":"Each"},
                     "Each":{"Type":"Map","Items":"{%% $states.input.items %%}","Next":"Done",
                       "Assign":{"total":"{%% $count($states.result) %%}"},
                       "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Work","States":{
                         "Work":{"Type":"Task","Resource":"%1$secho","Arguments":{"item":"{%% $states.input %%}",
                           "u":"{%% $uuid() %%}","at":"{%% $now() %%}"},"End":true}}}},
                     "Done":{"Type":"Pass","Output":{"total":"{%% $total %%}","r":"{%% $random() %%}"},"End":true}}}"""
                    .formatted(FN),
            "timeouts", """
                    {"StartAt":"T","States":{
                     "T":{"Type":"Task","Resource":"%1$snever","TimeoutSeconds":1,
                       "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"F"}],"End":true},
                     "F":{"Type":"Task","Resource":"%1$sfail","Catch":[{"ErrorEquals":["Boom"],"ResultPath":"$.boom",
                       "Next":"Done"}],"End":true},
                     "Done":{"Type":"Pass","Parameters":{"u.$":"States.UUID()","e.$":"$.boom.Error"},"End":true}}}"""
                    .formatted(FN));

    private static KafkaEngine engine;
    private static EngineClient client;
    private static TaskWorker worker;
    private static final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    @BeforeAll
    static void start(Broker broker) throws Exception {
        Path stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "streams-state")), "replay-");
        engine = KafkaEngine.start(config(broker).stateDir(stateDir).build());
        client = engine.client();
        worker = new TaskWorker(engine.config(), client, "replay-test-worker", List.of(TaskQueues.DEFAULT, "lambda"),
                ReplayTest::work);
    }

    private static EngineConfig.Builder config(Broker broker) {
        return EngineConfig.builder(broker.bootstrapServers()).prefix("replay-test").partitions(2)
                .arnScope("us-east-1", "111111111111").taskTokenSecret(42)
                .timers(Duration.ofMillis(50), Duration.ofMillis(50));
    }

    private static TaskWorker.Answer work(TaskRequest request) {
        String function = request.getResource().substring(request.getResource().lastIndexOf(':') + 1);
        return switch (function) {
            case "flaky" -> attempts.merge(request.getExecutionId(), 1, Integer::sum) == 1
                    ? TaskWorker.Answer.failure("Flaky", "first attempt fails")
                    : TaskWorker.Answer.success("{\"flaky\":\"ok\"}");
            case "fail" -> TaskWorker.Answer.failure("Boom", "always");
            case "never" -> null;
            default -> TaskWorker.Answer.success(request.getInput());
        };
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void replaysAMixedWorkloadToEveryRecordedTransitionWithoutDispatchingATask() throws Exception {
        MACHINES.forEach((name, definition) -> engine.deploy(name, definition, MachineType.STANDARD));
        List<String> names = List.copyOf(new java.util.TreeSet<>(MACHINES.keySet()));
        ReplayRange.Position before = commandOffsets();
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < EXECUTIONS; i++) {
            String machine = names.get(i % names.size());
            arns.add(client.startExecution(machine, "e" + i, "{\"n\":" + (i % 10) + ",\"items\":[1,2,3]}"));
        }
        Map<String, Integer> statuses = new HashMap<>();
        for (String arn : arns) {
            ExecutionOutcome outcome = client.awaitOutcome(arn, WAIT);
            statuses.merge(outcome.status().name(), 1, Integer::sum);
        }
        assertEquals(Map.of("SUCCEEDED", EXECUTIONS), statuses);
        ReplayRange.Position after = commandOffsets();
        Map<TopicPartition, Long> tasksBefore = taskTopicEnds();

        ReplayReport report = Replay.run(new Replay.Settings(engine.config(), "mixed",
                new ReplayRange(before, after), null, null, null, true, false), new Replay.Listener() {});

        LoggerFactory.getLogger(ReplayTest.class).info("Replay of the mixed workload: {}", report.summary());
        List<ExecutionResult> different = report.results().stream().filter(r -> r.verdict() != Verdict.MATCH).toList();
        assertTrue(different.isEmpty(), different.size() + " did not match, e.g. "
                + different.subList(0, Math.min(5, different.size())));
        assertEquals(EXECUTIONS, report.results().size(), report.summary());
        assertTrue(report.tasksDispatched() >= EXECUTIONS, report.summary());
        assertEquals(tasksBefore, taskTopicEnds(), "the replay sent task requests");
        assertEquals(recordedBatches(report), countRecords(report.transitionsTopic()));
        assertEquals(EXECUTIONS, countRecords(report.completionsTopic()));
    }

    @Test
    void reportsAChangedDefinitionWithItsFirstDifferingEventAndRebuildsAStateAtAnyEvent(@TempDir Path dir)
            throws Exception {
        engine.deploy("greet", """
                {"StartAt":"Hello","States":{"Hello":{"Type":"Pass","Result":"hello","ResultPath":"$.greeting","Next":"T"},
                 "T":{"Type":"Task","Resource":"%secho","End":true}}}""".formatted(FN), MachineType.STANDARD);
        Instant from = Instant.now().minusMillis(1);
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            arns.add(client.startExecution("greet", "g" + i, "{\"i\":" + i + "}"));
        }
        for (String arn : arns) {
            assertEquals("SUCCEEDED", client.awaitOutcome(arn, WAIT).status().name());
        }
        String changed = """
                {"StartAt":"Hello","States":{"Hello":{"Type":"Pass","Result":"hi","ResultPath":"$.greeting","Next":"T"},
                 "T":{"Type":"Task","Resource":"%secho","End":true}}}""".formatted(FN);
        ReplayRange range = new ReplayRange(new ReplayRange.Position.At(from), null);

        ReplayReport same = Replay.run(new Replay.Settings(engine.config(), "greet-same", range, null, "greet", null,
                false, false), new Replay.Listener() {});
        ReplayReport report = Replay.run(new Replay.Settings(engine.config(), "greet-new", range, changed, "greet", null,
                true, false), new Replay.Listener() {});

        assertTrue(same.allMatch(), same.results().toString());
        IllegalArgumentException noneFailed = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Replay.run(new Replay.Settings(engine.config(), "greet-failed",
                        range, null, "greet", null, false, true), new Replay.Listener() {}));
        assertTrue(noneFailed.getMessage().startsWith("No failed execution in the range"), noneFailed.getMessage());
        assertEquals(3, report.results().size(), report.summary());
        for (ExecutionResult result : report.results()) {
            assertEquals(Verdict.DIFFERENT, result.verdict(), result.toString());
            assertEquals(3, result.eventId(), result.toString());
            assertEquals("PassStateExited", result.recorded());
            assertTrue(result.detail().contains("hello") && result.detail().contains("hi"), result.detail());
            assertEquals("SUCCEEDED", result.status(), "the recorded task result reached the new run");
        }

        Replay.Reconstruction state = Replay.reconstruct(new Replay.Settings(engine.config(), "greet-at", range, null,
                null, arns.get(0), false, false), 3);
        // The state exists between batches: the first batch runs to the Task, events 1 to 6.
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), state.events().stream().map(e -> e.getId()).toList());
        assertEquals("RUNNING", state.state().path("status").asText());
        assertEquals(6, state.state().path("lastEventId").asLong());
        assertTrue(state.state().path("root").toString().contains("hello"), state.state().toString());
        Replay.Reconstruction end = Replay.reconstruct(new Replay.Settings(engine.config(), "greet-end", range, null,
                null, arns.get(0), false, false), 100);
        assertTrue(end.ended());
        assertEquals("SUCCEEDED", end.state().path("status").asText());

        Path newDefinition = Files.writeString(dir.resolve("greet.asl.json"), changed);
        String bootstrap = engine.config().bootstrapServers();
        assertEquals(1, cli("replay", "--bootstrap-servers", bootstrap, "--prefix", "replay-test", "--task-token-secret",
                "42", "--from", from.toString(), "--definition", newDefinition.toString(), "--no-output"));
        assertEquals(0, cli("replay", "--bootstrap-servers", bootstrap, "--prefix", "replay-test", "--task-token-secret",
                "42", "--from", from.toString(), "--state-machine", "greet", "--id", "cli-same"));
        assertEquals(2, cli("replay", "--bootstrap-servers", bootstrap, "--prefix", "replay-test", "--from", "yesterday"));
        assertEquals(2, cli("replay", "--bootstrap-servers", bootstrap, "--prefix", "replay-test", "--task-token-secret",
                "42", "--from", from.toString(), "--state-machine", "greet", "--id", "cli-same"), "a used id is refused");
    }

    private static int cli(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new Main()).setExpandAtFiles(false).execute(args);
        } finally {
            System.setOut(original);
        }
    }

    private static ReplayRange.Position commandOffsets() {
        try (TopicReader reader = new TopicReader(engine.config().bootstrapServers(), "replay-test-offsets")) {
            Map<Integer, Long> offsets = new HashMap<>();
            reader.ends(reader.partitions(engine.config().names().commands()))
                    .forEach((p, offset) -> offsets.put(p.partition(), offset));
            return new ReplayRange.Position.Offsets(offsets);
        }
    }

    private static Map<TopicPartition, Long> taskTopicEnds() {
        try (TopicReader reader = new TopicReader(engine.config().bootstrapServers(), "replay-test-offsets")) {
            return reader.ends(reader.partitions(engine.config().names().tasks(TaskQueues.DEFAULT)));
        }
    }

    private static long recordedBatches(ReplayReport report) {
        Set<String> ids = new java.util.HashSet<>();
        report.results().forEach(r -> ids.add(r.executionId()));
        AtomicLong count = new AtomicLong();
        try (TopicReader reader = new TopicReader(engine.config().bootstrapServers(), "replay-test-count")) {
            List<TopicPartition> partitions = reader.partitions(engine.config().names().transitions());
            reader.read(reader.beginnings(partitions), reader.ends(partitions), record -> {
                if (ids.contains(new String(record.key(), StandardCharsets.UTF_8))) {
                    count.incrementAndGet();
                }
            });
        }
        return count.get();
    }

    private static long countRecords(String topic) {
        AtomicLong count = new AtomicLong();
        try (TopicReader reader = new TopicReader(engine.config().bootstrapServers(), "replay-test-count")) {
            List<TopicPartition> partitions = reader.partitions(topic);
            reader.read(reader.beginnings(partitions), reader.ends(partitions), record -> count.incrementAndGet());
        }
        return count.get();
    }
}
