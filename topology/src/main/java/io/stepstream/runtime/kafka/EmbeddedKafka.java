package io.stepstream.runtime.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka (KRaft broker and controller in one process) running inside this JVM, built
 * from the same public entry points as Kafka's own scripts: {@code kafka-storage format}
 * ({@link StorageTool}) and {@code kafka-server-start} ({@link KafkaRaftServer}). It listens on
 * the loopback interface, formats its log directory on first start, is tuned for one node
 * (replication factors 1, no initial rebalance delay) and stops on {@link #close()}, deleting a
 * temporary log directory.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String CONTROLLER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path directory;
    private final boolean temporary;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path directory, boolean temporary) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.directory = directory;
        this.temporary = temporary;
    }

    /** Starts a broker on free ports with a temporary log directory. */
    public static EmbeddedKafka start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code host:port} of the PLAINTEXT listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The directory holding the broker's configuration and logs. */
    public Path directory() {
        return directory;
    }

    /** Stops the broker and waits for it; deletes the directory if it was temporary. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        if (temporary) {
            deleteRecursively(directory);
        }
    }

    /** Where and how to start. */
    public static final class Builder {
        private Path directory;
        private int port;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {}

        /** Keep configuration and logs here across restarts; default: a temporary directory. */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** The client port; default 0, any free port. The controller port is always picked free. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** A broker property, overriding the single-node defaults. */
        public Builder config(String name, String value) {
            overrides.put(name, value);
            return this;
        }

        public EmbeddedKafka start() {
            boolean temporary = directory == null;
            Path home = temporary ? createTempDirectory() : createDirectories(directory);
            int clientPort = port == 0 ? FreePort.pick() : port;
            Properties props = serverProperties(home.resolve("logs"), clientPort, FreePort.pick());
            props.putAll(overrides);
            long started = System.nanoTime();
            Path config = writeProperties(props, home.resolve("server.properties"));
            if (!Files.exists(home.resolve("logs").resolve("meta.properties"))) {
                format(props, config);
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            String bootstrap = "127.0.0.1:" + clientPort;
            try {
                server.startup();
                awaitReady(bootstrap);
            } catch (RuntimeException e) {
                server.shutdown();
                throw e;
            }
            LOG.info("Kafka {} started in {} ms, logs in {}", bootstrap,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), home);
            return new EmbeddedKafka(server, bootstrap, home, temporary);
        }
    }

    private static Properties serverProperties(Path logs, int clientPort, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        props.put("controller.listener.names", CONTROLLER);
        props.put("listener.security.protocol.map", CONTROLLER + ":PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logs.toString());
        // One node: every internal topic with one replica, and few partitions so they come up fast.
        props.put("num.partitions", "1");
        props.put("default.replication.factor", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        return props;
    }

    private static Path writeProperties(Properties props, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "Written by Stepstream's EmbeddedKafka");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** What {@code kafka-storage.sh format} does, on first start only: a restart keeps the cluster id. */
    private static void format(Properties props, Path config) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = {"format", "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString()};
        int status;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(args, print);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format " + props.get("log.dirs") + ": " + e.getMessage(), e);
        }
        if (status != 0) {
            throw new IllegalStateException("Cannot format " + props.get("log.dirs") + ": "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    /** Startup returns before the broker answers clients; wait until it does. */
    private static void awaitReady(String bootstrap) {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " did not answer within " + READY_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka at " + bootstrap, e);
        }
    }

    private static Path createDirectories(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + directory + " for Kafka", e);
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("stepstream-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for Kafka", e);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", root, e.toString());
        }
    }
}
