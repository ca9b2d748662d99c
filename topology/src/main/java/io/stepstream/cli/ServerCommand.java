package io.stepstream.cli;

import io.stepstream.api.ApiServer;
import io.stepstream.api.ApiSettings;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.KafkaEngine;
import io.stepstream.runtime.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stepstream server}: runs the engine against a Kafka cluster until stopped. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Runs the Stepstream engine (the Kafka Streams topology) until stopped (Ctrl-C, SIGTERM).",
                "Several servers with the same --prefix share the executions, one partition each.",
                "Without --bootstrap-servers it starts a single-node Kafka on --port, kept in --data."})
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "The Kafka cluster.")
    String bootstrapServers;

    @Mixin
    EngineOptions engineOptions;

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

    @Option(names = "--stream-threads", description = "Kafka Streams threads (default: one per core, at most one"
            + " per partition).")
    Integer streamThreads;

    @Option(names = "--streams", paramLabel = "KEY=VALUE", description = "A Kafka Streams property over the engine's"
            + " own settings; repeatable. E.g. producer.linger.ms=5 for lower latency below full rate"
            + " (topology/README.md).")
    Map<String, String> streams = new LinkedHashMap<>();

    @Option(names = "--retention", defaultValue = "P90D", paramLabel = "DURATION",
            description = "How long an ended execution (and so its name) is kept, ISO-8601 (default: ${DEFAULT-VALUE},"
                    + " as AWS; PT0S deletes it when it ends).")
    Duration retention;

    @Option(names = "--port", defaultValue = "9092", description = "Port of the embedded Kafka (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", defaultValue = ".stepstream/kafka", description = "Directory of the embedded Kafka (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--api-port", defaultValue = "8083",
            description = "Port of the AWS Step Functions API (default: ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(names = "--api-host", description = "Address the API binds (default: 127.0.0.1 without --access-key,"
            + " 0.0.0.0 with).")
    String apiHost;

    @Option(names = "--access-key", paramLabel = "ID=SECRET", description = "Require requests signed (SigV4) with"
            + " this key; repeat for several (default: $STEPSTREAM_ACCESS_KEY, else none: loopback only).")
    Map<String, String> accessKeys = new LinkedHashMap<>();

    @Option(names = "--api-advertised", paramLabel = "HOST:PORT", description = "How other servers reach this"
            + " one's API, to forward reads of keys it owns (Kafka Streams' application.server); for several servers.")
    String apiAdvertised;

    @Option(names = "--config", paramLabel = "FILE", description = "A JSON file with one section per plug-in"
            + " (e.g. \"connectors\") and the engine's \"taskRoutes\"; see connectors/README.md.")
    Path config;

    /** The engine's configuration: the options, the plug-ins' task routes, and the cluster at {@code bootstrap}. */
    EngineConfig engineConfig(String bootstrap, Plugins plugins) {
        EngineConfig.Builder builder = engineOptions.applyTo(plugins.configure(EngineConfig.builder(bootstrap)))
                .partitions(partitions).replicationFactor(replicationFactor).guarantee(guarantee).stateDir(stateDir)
                .retention(retention);
        // Streams runs one thread unless told; with the broker on the same 2 cores, a second one fired a burst of
        // a million due timers with p99 2.3 s late instead of 20 s, and took Express starts a quarter faster
        // (bench/README.md).
        builder.streams(StreamsConfig.NUM_STREAM_THREADS_CONFIG,
                streamThreads != null ? streamThreads : EngineConfig.threadsPerCore(partitions));
        if (apiAdvertised != null) {
            builder.streams(StreamsConfig.APPLICATION_SERVER_CONFIG, apiAdvertised);
        }
        streams.forEach(builder::streams);
        return builder.build();
    }

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
        String envKey = System.getenv("STEPSTREAM_ACCESS_KEY");
        if (accessKeys.isEmpty() && envKey != null && envKey.contains("=")) {
            accessKeys.put(envKey.substring(0, envKey.indexOf('=')), envKey.substring(envKey.indexOf('=') + 1));
        }
        KafkaEngine engine = KafkaEngine.start(engineConfig(bootstrap, plugins));
        AutoCloseable started = plugins.start(engine.config(), engine.client());
        System.out.println("Stepstream engine running on " + bootstrap + ", topics " + engineOptions.prefix + ".*");
        String host = apiHost != null ? apiHost : accessKeys.isEmpty() ? "127.0.0.1" : "0.0.0.0";
        ApiServer api = ApiServer.start(engine, new ApiSettings(host, apiPort, accessKeys));
        System.out.println("AWS Step Functions API on http://" + host + ":" + api.port()
                + (accessKeys.isEmpty() ? " (no authentication)" : " (Signature Version 4)"));
        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedKafka broker = kafka;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
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
