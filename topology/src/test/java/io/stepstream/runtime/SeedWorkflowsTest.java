package io.stepstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.runtime.client.EngineClient;
import io.stepstream.runtime.client.ExecutionOutcome;
import io.stepstream.runtime.client.TaskWorker;
import io.stepstream.runtime.engine.TaskQueues;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.schemas.avro.HistoryEvent;
import io.stepstream.schemas.avro.StartExecution;
import io.stepstream.schemas.avro.TaskRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed workflows of ../shared/seed-workflows, all at once through one engine, with a worker
 * playing their Lambda functions. Each execution is dated an hour ago and the worker dates its
 * answers at the task's own time, so the executions run in the past: their Wait (up to 30 s) and
 * Retry timers go through the timer store and the punctuator, but are due at once.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SeedWorkflowsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Map<String, Integer> calls = new ConcurrentHashMap<>();

    /** name -> {input, expected output} */
    private static Map<String, String[]> seeds() {
        Map<String, String[]> seeds = new LinkedHashMap<>();
        seeds.put("hello-world", new String[] {"{}", "\"Hello World!\""});
        seeds.put("catch-failure", new String[] {"{}", "\"This is a fallback from a custom lambda function exception\""});
        seeds.put("choice-state", new String[] {"{\"foo\":2}", "{\"foo\":2,\"second\":true}"});
        seeds.put("combined-sample", new String[] {"{}", "{\"final\":true}"});
        seeds.put("parallel", new String[] {"{\"x\":1}", "[{\"x\":1},{\"x\":1}]"});
        seeds.put("retry-failure", new String[] {"{\"y\":2}", "{\"y\":2}"});
        seeds.put("wait-states", new String[] {"{\"expirydate\":\"2015-09-04T01:59:00Z\",\"expiryseconds\":20}",
                "{\"expirydate\":\"2015-09-04T01:59:00Z\",\"expiryseconds\":20}"});
        return seeds;
    }

    @Test
    void everySeedWorkflowRunsToTheExpectedOutputWithContiguousHistory(Broker broker) throws Exception {
        Path folder = Path.of(System.getProperty("stepstream.root", "..")).resolve("../shared/seed-workflows").normalize();
        Map<String, List<HistoryEvent>> history = new ConcurrentHashMap<>();
        try (KafkaEngine engine = TestEngines.start(broker, "seeds");
             TaskWorker worker = new TaskWorker(engine.config(), engine.client(), "seeds-worker",
                     List.of(TaskQueues.DEFAULT, "lambda"), this::work);
             AutoCloseable transitions = engine.client().onTransitions(batch ->
                     history.computeIfAbsent(batch.getExecutionId(), k -> new ArrayList<>()).addAll(batch.getEvents()))) {
            EngineClient client = engine.client();
            Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
            Map<String, String> arns = new LinkedHashMap<>();
            seeds().forEach((name, io) -> {
                engine.deploy(name, read(folder.resolve(name + ".asl.json")), MachineType.STANDARD);
                String arn = client.executionArn(name, "seed", MachineType.STANDARD);
                client.send(arn, new StartExecution(name, null, "seed", io[0], null, null, null, null), anHourAgo);
                arns.put(name, arn);
            });

            for (Map.Entry<String, String> e : arns.entrySet()) {
                ExecutionOutcome outcome = client.awaitOutcome(e.getValue(), WAIT);
                assertEquals(Json.parse(seeds().get(e.getKey())[1]), Json.parse(String.valueOf(
                        outcome.completion() == null ? null : outcome.completion().getOutput())), e.getKey() + ": " + outcome);
                KafkaEngineTest.awaitTrue(() -> last(history.get(e.getValue())).equals("ExecutionSucceeded"),
                        e.getKey() + " has no ExecutionSucceeded on the transitions topic");
                List<HistoryEvent> events = history.get(e.getValue());
                assertEquals(LongStream.rangeClosed(1, events.size()).boxed().toList(),
                        events.stream().map(HistoryEvent::getId).toList(), e.getKey() + " history ids");
            }
        }
    }

    private static String last(List<HistoryEvent> events) {
        return events == null || events.isEmpty() ? "" : events.get(events.size() - 1).getType();
    }

    /** The seeds' Lambda functions, by execution (machine) and function name. */
    private TaskWorker.Answer work(TaskRequest request) {
        String machine = request.getExecutionId().split(":")[6];
        String function = request.getResource().substring(request.getResource().lastIndexOf(':') + 1);
        int call = calls.merge(machine + "/" + function, 1, Integer::sum);
        TaskWorker.Answer answer = switch (machine + "/" + function) {
            case "catch-failure/FUNCTION_NAME" -> TaskWorker.Answer.failure("HandledError", "the seed's custom error");
            case "retry-failure/FUNCTION_NAME" -> call == 1
                    ? TaskWorker.Answer.failure("HandledError", "first call fails")
                    : TaskWorker.Answer.success(request.getInput());
            case "choice-state/OnSecondMatch" -> TaskWorker.Answer.success("{\"foo\":2,\"second\":true}");
            case "combined-sample/Process1" -> TaskWorker.Answer.success("{\"processResult\":\"Process2b\"}");
            case "combined-sample/Process2" -> call == 4 // the first Process4b-1 attempt (after 2b-1, 2b-2, 4a or 4b-1)
                    ? TaskWorker.Answer.failure("HandledError", "retried after 3 s")
                    : TaskWorker.Answer.success(request.getInput());
            case "combined-sample/Process3" -> TaskWorker.Answer.success("{\"final\":true}");
            default -> TaskWorker.Answer.success(request.getInput());
        };
        return answer.at(request.getTimestamp());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
