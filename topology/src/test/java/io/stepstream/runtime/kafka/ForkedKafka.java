package io.stepstream.runtime.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft broker in a child JVM started from Kafka's own main classes
 * ({@code kafka.tools.StorageTool format}, then {@code kafka.Kafka}) on this JVM's class path.
 * Slower than {@link EmbeddedKafka} but isolated: its threads, heap and logs are not the test's.
 */
final class ForkedKafka implements Broker, AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final String bootstrapServers;
    private final Path directory;

    private ForkedKafka(Process process, String bootstrapServers, Path directory) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.directory = directory;
    }

    static ForkedKafka start() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("stepstream-kafka-forked-");
        int clientPort = FreePort.pick();
        int controllerPort = FreePort.pick();
        Path config = directory.resolve("server.properties");
        Properties props = new Properties();
        props.putAll(Map.of(
                "process.roles", "broker,controller",
                "node.id", "1",
                "controller.quorum.voters", "1@127.0.0.1:" + controllerPort,
                "listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort,
                "controller.listener.names", "CONTROLLER",
                "listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs", directory.resolve("logs").toString()));
        props.putAll(Map.of(
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "1",
                "share.coordinator.state.topic.replication.factor", "1",
                "share.coordinator.state.topic.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0"));
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "Written by Stepstream's ForkedKafka");
        }
        Path log = directory.resolve("broker.out");
        int formatted = java(log, "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", config.toString()).waitFor();
        if (formatted != 0) {
            throw new IllegalStateException("kafka-storage format failed: " + Files.readString(log));
        }
        Process broker = java(log, "kafka.Kafka", config.toString());
        ForkedKafka kafka = new ForkedKafka(broker, "127.0.0.1:" + clientPort, directory);
        try {
            kafka.awaitReady();
        } catch (RuntimeException | InterruptedException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String mode() {
        return "forked";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Forked Kafka exited with " + process.exitValue()
                            + "; see " + directory.resolve("broker.out"));
                }
                try {
                    admin.describeCluster().nodes().get(1, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Forked Kafka did not answer within " + READY_TIMEOUT, notYet);
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    private static Process java(Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }
}
