package io.stepstream.cli;

import io.stepstream.asl.engine.HistoryLevel;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.KafkaEngine;
import io.stepstream.runtime.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stepstream server}: runs the engine against a Kafka cluster until stopped. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Runs the Stepstream engine (the Kafka Streams topology) until stopped (Ctrl-C, SIGTERM).",
                "Several servers with the same --prefix share the executions, one partition each.",
                "Without --bootstrap-servers it starts a single-node Kafka on --port, kept in --data."})
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "The Kafka cluster.")
    String bootstrapServers;

    @Option(names = "--prefix", defaultValue = "stepstream", description = "The topic prefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--application-id", description = "The Kafka Streams application id (default: <prefix>-engine).")
    String applicationId;

    @Option(names = "--partitions", defaultValue = "12",
            description = "Partitions of the topics it creates (default: ${DEFAULT-VALUE}); fixed for life.")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "1", description = "Of the topics it creates (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Option(names = "--guarantee", defaultValue = "EXACTLY_ONCE",
            description = "EXACTLY_ONCE (Standard and Express) or AT_LEAST_ONCE (Express only) (default: ${DEFAULT-VALUE}).")
    EngineConfig.Guarantee guarantee;

    @Option(names = "--state-dir", description = "Kafka Streams' state directory.")
    Path stateDir;

    @Option(names = "--task-token-secret", defaultValue = "${env:STEPSTREAM_TASK_TOKEN_SECRET:-0}",
            description = "Mixed into task tokens; the same on every server (default: $STEPSTREAM_TASK_TOKEN_SECRET).")
    long taskTokenSecret;

    @Option(names = "--express-history", defaultValue = "ALL",
            description = "History level of Express executions: ALL, ERROR, FATAL, OFF (default: ${DEFAULT-VALUE}).")
    HistoryLevel expressHistory;

    @Option(names = "--schema-registry-url", description = "A Confluent-compatible schema registry (default: none).")
    String schemaRegistryUrl;

    @Option(names = "--port", defaultValue = "9092", description = "Port of the embedded Kafka (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", defaultValue = ".stepstream/kafka", description = "Directory of the embedded Kafka (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--config", paramLabel = "FILE", description = "A JSON file with one section per plug-in"
            + " (e.g. \"connectors\") and the engine's \"taskRoutes\"; see connectors/README.md.")
    Path config;

    @Override
    public Integer call() throws Exception {
        Plugins plugins = Plugins.load(config);
        EmbeddedKafka kafka = null;
        String bootstrap = bootstrapServers;
        if (bootstrap == null) {
            kafka = EmbeddedKafka.builder().directory(data).port(port).start();
            bootstrap = kafka.bootstrapServers();
            System.out.println("Kafka listening on " + bootstrap + " (data in " + data + ")");
        }
        EngineConfig.Builder builder = plugins.configure(EngineConfig.builder(bootstrap)).prefix(prefix).partitions(partitions)
                .replicationFactor(replicationFactor).guarantee(guarantee).taskTokenSecret(taskTokenSecret)
                .expressHistoryLevel(expressHistory).stateDir(stateDir);
        if (applicationId != null) {
            builder.applicationId(applicationId);
        }
        if (schemaRegistryUrl != null) {
            builder.serde("schema.registry.url", schemaRegistryUrl);
        }
        KafkaEngine engine = KafkaEngine.start(builder.build());
        AutoCloseable started = plugins.start(engine.config(), engine.client());
        System.out.println("Stepstream engine running on " + bootstrap + ", topics " + prefix + ".*");
        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedKafka broker = kafka;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.close();
            } catch (Exception e) {
                System.err.println("Could not stop the plug-ins: " + e);
            }
            engine.close();
            if (broker != null) {
                broker.close();
            }
            stopped.countDown();
        }, "stepstream-shutdown"));
        stopped.await();
        return Main.OK;
    }
}
