package io.stepstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.runtime.client.EngineClient;
import io.stepstream.runtime.client.TaskWorker;
import io.stepstream.runtime.client.TopicTail;
import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.runtime.kafka.Topics;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.ExecutionStatus;
import io.stepstream.schemas.avro.TaskRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exactly-once across crashes: an engine in a child JVM is killed with SIGKILL while 200
 * executions wait on tasks and timers, restarted on the same state directory, killed again, and
 * restarted on an empty one (restoring its stores from the changelogs). Every execution must
 * complete exactly once: one committed completion per execution, with the output both tasks made.
 */
@ExtendWith(KafkaBrokerExtension.class)
class EngineCrashTest {
    /** The queue the engine routes the machine's Lambda tasks to (TaskQueues' default routes). */
    private static final String LAMBDA_QUEUE = "lambda";
    private static final int EXECUTIONS = 200;
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String MACHINE = """
            {"StartAt":"First","States":{
             "First":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:first",
                      "ResultPath":"$.first","Next":"Pause"},
             "Pause":{"Type":"Wait","Seconds":2,"Next":"Second"},
             "Second":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:second",
                       "ResultPath":"$.second","Next":"Done"},
             "Done":{"Type":"Succeed"}}}""";

    private final EngineSerdes serdes = EngineSerdes.of(Map.of());

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyExecutionCompletesExactlyOnceThoughTheEngineIsKilledTwice(Broker broker) throws Exception {
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "crash-test")), "run-");
        Path kept = work.resolve("state-kept");
        EngineConfig config = ForkedEngine.config(broker.bootstrapServers(), "crash", kept);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            new Topics(admin, config.names(), config.partitions(), config.replicationFactor())
                    .createMissing(Set.of(LAMBDA_QUEUE));
        }
        List<Completion> completed = new CopyOnWriteArrayList<>();
        List<ForkedEngine> engines = new ArrayList<>();
        try (EngineClient client = new EngineClient(config);
             TopicTail tail = completions(config, completed);
             TaskWorker worker = new TaskWorker(config, client, "crash-worker", List.of(LAMBDA_QUEUE),
                     EngineCrashTest::work)) {
            // Published before any engine runs: an engine reads its global store to the end before it processes.
            client.deploy("crash", MACHINE, MachineType.STANDARD);
            engines.add(ForkedEngine.start(broker.bootstrapServers(), "crash", kept, work));
            for (int n = 0; n < EXECUTIONS; n++) {
                client.startExecution("crash", "e" + n, "{\"n\":" + n + "}");
            }

            await(completed::size, EXECUTIONS / 4, engines);
            engines.get(0).kill();
            engines.add(ForkedEngine.start(broker.bootstrapServers(), "crash", kept, work));
            await(completed::size, EXECUTIONS / 2, engines);
            engines.get(1).kill();
            engines.add(ForkedEngine.start(broker.bootstrapServers(), "crash", work.resolve("state-fresh"), work));
            await(() -> (int) completed.stream().map(Completion::getExecutionId).distinct().count(), EXECUTIONS,
                    engines);

            Thread.sleep(2000); // a duplicate, if any, would be committed by now
            List<Completion> all = readAll(config);
            Map<String, Completion> byArn = new HashMap<>();
            for (Completion c : all) {
                byArn.merge(c.getExecutionId(), c, (a, b) -> {
                    throw new AssertionError("Execution " + c.getExecutionId() + " completed twice: " + a + " / " + b);
                });
            }
            assertEquals(EXECUTIONS, all.size(), "completions");
            assertEquals(List.of(), deadLetters(config), "dead letters");
            for (int n = 0; n < EXECUTIONS; n++) {
                String arn = client.executionArn("crash", "e" + n, MachineType.STANDARD);
                Completion c = byArn.get(arn);
                assertTrue(c != null, "no completion for " + arn);
                assertEquals(ExecutionStatus.SUCCEEDED, c.getStatus(), c.toString());
                assertEquals(Json.parse("{\"n\":" + n + ",\"first\":{\"by\":\"first\",\"n\":" + n + "},"
                        + "\"second\":{\"by\":\"second\",\"n\":" + n + "}}"), Json.parse(c.getOutput()), arn);
            }
        } finally {
            for (ForkedEngine engine : engines) {
                engine.close();
            }
        }
    }

    /** Both functions answer at once with who they are and the execution's number. */
    private static TaskWorker.Answer work(TaskRequest request) {
        String function = request.getResource().substring(request.getResource().lastIndexOf(':') + 1);
        JsonNode input = Json.parse(request.getInput());
        return TaskWorker.Answer.success("{\"by\":\"" + function + "\",\"n\":" + input.path("n").asInt() + "}");
    }

    private TopicTail completions(EngineConfig config, List<Completion> sink) {
        return new TopicTail(config.bootstrapServers(), List.of(config.names().completions()), true, record ->
                sink.add(serdes.completions().deserializer().deserialize(record.topic(), record.value())));
    }

    /** Every committed completion, read from the beginning up to the end offsets as they are now. */
    private List<Completion> readAll(EngineConfig config) throws InterruptedException {
        List<Completion> all = new CopyOnWriteArrayList<>();
        try (TopicTail tail = completions(config, all)) {
            assertTrue(tail.awaitCaughtUp(DEADLINE), "could not read the completions topic");
        }
        return all;
    }

    /** The reasons of every committed dead letter. */
    private List<String> deadLetters(EngineConfig config) throws InterruptedException {
        List<String> reasons = new CopyOnWriteArrayList<>();
        try (TopicTail tail = new TopicTail(config.bootstrapServers(), List.of(config.names().dlq()), true, record ->
                reasons.add(serdes.deadLetters().deserializer().deserialize(record.topic(), record.value()).getReason()))) {
            assertTrue(tail.awaitCaughtUp(DEADLINE), "could not read the dead-letter topic");
        }
        return reasons;
    }

    private static void await(IntSupplier count, int atLeast, List<ForkedEngine> engines) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (count.getAsInt() < atLeast) {
            if (System.nanoTime() > deadline) {
                ForkedEngine last = engines.get(engines.size() - 1);
                throw new AssertionError(count.getAsInt() + " of " + atLeast + " completions within " + DEADLINE
                        + "; engine log " + last.log() + ":\n" + tail(Files.readString(last.log())));
            }
            Thread.sleep(50);
        }
    }

    private static String tail(String log) {
        return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
    }
}
