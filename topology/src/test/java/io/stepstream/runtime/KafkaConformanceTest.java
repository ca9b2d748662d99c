package io.stepstream.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.conformance.CaseResult;
import io.stepstream.asl.conformance.ConformanceCase;
import io.stepstream.asl.conformance.ConformanceScore;
import io.stepstream.asl.conformance.InProcessExecutor;
import io.stepstream.asl.json.Json;
import io.stepstream.runtime.client.EngineClient;
import io.stepstream.runtime.client.ExecutionOutcome;
import io.stepstream.runtime.client.TaskWorker;
import io.stepstream.runtime.engine.TaskQueues;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.schemas.avro.Completion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every recorded AWS case through the Kafka runtime, all at once in one topology: each case's
 * definition is published as its own state machine, every execution is started before any is
 * awaited, and a worker plays the echo Lambda of the cases. Writes
 * {@code target/conformance-summary.txt} in the in-process format and holds the same floor.
 */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaConformanceTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void scoresTheSameThroughKafkaAsInProcess(Broker broker) throws Exception {
        List<ConformanceCase> cases = ConformanceCase.readAll(ConformanceCase.folder());
        Map<ConformanceCase, CaseResult> results = new IdentityHashMap<>();
        try (KafkaEngine engine = TestEngines.start(broker, "conformance");
             TaskWorker worker = new TaskWorker(engine.config(), engine.client(), "conformance-worker",
                     List.of(TaskQueues.DEFAULT, "lambda"), KafkaConformanceTest::echo)) {
            EngineClient client = engine.client();
            Map<ConformanceCase, String> machines = new HashMap<>();
            String lastName = null;
            int lastVersion = 0;
            for (int i = 0; i < cases.size(); i++) {
                ConformanceCase c = cases.get(i);
                String name = String.format("case-%04d", i);
                try {
                    String text = c.definition() != null ? Json.write(c.definition()) : c.definitionText();
                    lastVersion = client.deploy(name, text, c.type());
                    lastName = name;
                    machines.put(c, name);
                } catch (RuntimeException e) {
                    results.put(c, CaseResult.rejected(e.getMessage()));
                }
            }
            engine.awaitDefinition(lastName, lastVersion);
            Map<ConformanceCase, String> executions = new HashMap<>();
            machines.forEach((c, name) -> executions.put(c, client.startExecution(name, "case-execution",
                    Json.write(c.input() == null ? Json.NODES.objectNode() : c.input()))));
            for (Map.Entry<ConformanceCase, String> e : executions.entrySet()) {
                results.put(e.getKey(), result(client.awaitOutcome(e.getValue(), WAIT)));
            }
        }

        ConformanceScore score = ConformanceScore.run(cases, results::get);
        score.write(Path.of("target", "conformance-summary.txt"));
        System.out.print(score.summary());
        int floor = Integer.getInteger("conformance.floor", 0);
        assertTrue(score.passed() >= floor, "conformance through Kafka fell below the floor: " + score.passed()
                + " passed < " + floor + "; see target/conformance-failures.txt");
    }

    private static CaseResult result(ExecutionOutcome outcome) {
        if (outcome.isRejected()) {
            return new CaseResult("REJECTED", null, null, null, outcome.rejection());
        }
        Completion c = outcome.completion();
        JsonNode output = c.getOutput() == null ? null : Json.parse(c.getOutput());
        return new CaseResult(c.getStatus().name(), output, c.getError(), c.getCause(), null);
    }

    /** The cases' only Lambda returns its input; any other resource was never invoked by the recording. */
    private static TaskWorker.Answer echo(io.stepstream.schemas.avro.TaskRequest request) {
        return InProcessExecutor.ECHO_FUNCTION.equals(request.getResource())
                ? TaskWorker.Answer.success(request.getInput())
                : TaskWorker.Answer.failure("NotInvoked", "the recording never invoked " + request.getResource());
    }
}
