package io.stepstream.runtime;

import io.stepstream.runtime.engine.EngineMetrics;
import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.runtime.engine.ExecutionTopology;
import io.stepstream.runtime.kafka.TopicNames;
import io.stepstream.schemas.avro.Command;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.DeadLetter;
import io.stepstream.schemas.avro.Definition;
import io.stepstream.schemas.avro.MachineType;
import io.stepstream.schemas.avro.StartExecution;
import io.stepstream.schemas.avro.TaskRequest;
import io.stepstream.schemas.avro.TransitionBatch;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The engine's topology on a {@link TopologyTestDriver} with its topics, for processor tests; starts at {@link #T0}. */
final class DrivenEngine implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String ARN_PREFIX = "arn:aws:states:us-east-1:111111111111:execution:";

    final EngineMetrics metrics = new EngineMetrics();
    final EngineSerdes serdes = EngineSerdes.of(Map.of());
    final TopologyTestDriver driver;
    final TestInputTopic<String, Definition> definitions;
    final TestInputTopic<String, Command> commands;
    final TestOutputTopic<String, Completion> completions;
    final TestOutputTopic<String, TransitionBatch> transitions;
    final TestOutputTopic<String, TaskRequest> tasks;
    final TestOutputTopic<byte[], DeadLetter> deadLetters;

    /** A builder with the settings of these tests; add what a test needs, then {@link #DrivenEngine(EngineConfig.Builder, Path)}. */
    static EngineConfig.Builder settings() {
        return EngineConfig.builder("unused:9092").prefix("t").arnScope("us-east-1", "111111111111")
                .taskTokenSecret(7).timers(java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(50));
    }

    DrivenEngine(EngineConfig.Builder settings, Path stateDir) {
        EngineConfig config = settings.stateDir(stateDir).build();
        Properties props = KafkaEngine.streamsProperties(config);
        driver = new TopologyTestDriver(ExecutionTopology.build(config, metrics, props), props, T0);
        TopicNames names = config.names();
        definitions = driver.createInputTopic(names.definitions(), new StringSerializer(), serdes.definitions().serializer());
        commands = driver.createInputTopic(names.commands(), new StringSerializer(), serdes.commands().serializer());
        completions = driver.createOutputTopic(names.completions(), new StringDeserializer(),
                serdes.completions().deserializer());
        transitions = driver.createOutputTopic(names.transitions(), new StringDeserializer(),
                serdes.transitions().deserializer());
        tasks = driver.createOutputTopic(names.tasks("lambda"), new StringDeserializer(), serdes.tasks().deserializer());
        deadLetters = driver.createOutputTopic(names.dlq(), new ByteArrayDeserializer(),
                serdes.deadLetters().deserializer());
    }

    void deploy(String name, String text) {
        Definition d = new Definition(name, 1, text, MachineType.STANDARD, T0, null, null);
        definitions.pipeInput(name + ":1", d, T0);
        definitions.pipeInput(name, d, T0);
    }

    /** Starts a Standard execution dated {@code at}; returns its ARN. */
    String start(String machine, String execution, String input, Instant at) {
        String arn = ARN_PREFIX + machine + ":" + execution;
        send(arn, new StartExecution(machine, null, execution, input, null, null, null, null), at);
        return arn;
    }

    void send(String arn, Object command, Instant at) {
        commands.pipeInput(arn, new Command(arn, null, at, command), at);
    }

    @Override
    public void close() {
        driver.close();
    }
}
