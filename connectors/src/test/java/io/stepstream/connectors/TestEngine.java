package io.stepstream.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.KafkaEngine;
import io.stepstream.runtime.client.ExecutionOutcome;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.plugin.PluginContext;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.ExecutionStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** An engine on the shared test broker, with the connectors plug-in started from a JSON section. */
final class TestEngine implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);
    final KafkaEngine engine;
    private final AutoCloseable plugin;

    private TestEngine(KafkaEngine engine, AutoCloseable plugin) {
        this.engine = engine;
        this.plugin = plugin;
    }

    static EngineConfig.Builder config(Broker broker, String prefix) {
        try {
            Path stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "streams-state")),
                    prefix + "-");
            return EngineConfig.builder(broker.bootstrapServers()).prefix(prefix).partitions(2).stateDir(stateDir)
                    .arnScope("us-east-1", "111111111111").taskTokenSecret(42)
                    .timers(Duration.ofMillis(50), Duration.ofMillis(50));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts an engine and the connectors plug-in with {@code connectors} (JSON) as its section. */
    static TestEngine start(Broker broker, String prefix, String connectors) {
        KafkaEngine engine = KafkaEngine.start(config(broker, prefix).build());
        AutoCloseable plugin = new ConnectorsPlugin().start(new PluginContext(engine.config(), engine.client(),
                Json.parse(connectors)));
        return new TestEngine(engine, plugin);
    }

    EngineConfig config() {
        return engine.config();
    }

    /** Deploys {@code definition} under a fresh name, runs it with {@code input}, and waits for the outcome. */
    Completion run(String definition, String input) throws InterruptedException {
        return await(start(definition, input));
    }

    String start(String definition, String input) {
        String name = "m-" + UUID.randomUUID().toString().substring(0, 8);
        engine.deploy(name, definition, MachineType.STANDARD);
        return engine.client().startExecution(name, "e", input);
    }

    Completion await(String arn) throws InterruptedException {
        ExecutionOutcome outcome = engine.client().awaitOutcome(arn, WAIT);
        if (outcome.isRejected()) {
            throw new AssertionError("Rejected: " + outcome.rejection());
        }
        return outcome.completion();
    }

    static JsonNode output(Completion c) {
        if (c.getStatus() != ExecutionStatus.SUCCEEDED) {
            throw new AssertionError("Expected SUCCEEDED, got " + c.getStatus() + " " + c.getError() + ": " + c.getCause());
        }
        return Json.parse(c.getOutput());
    }

    /** A one-Task machine. */
    static String task(String resource, String extra) {
        return "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"" + resource + "\""
                + (extra.isEmpty() ? "" : "," + extra) + ",\"End\":true}}}";
    }

    @Override
    public void close() throws Exception {
        plugin.close();
        engine.close();
    }
}
