package io.stepstream.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.StreamsConfig;

/**
 * An engine in a child JVM, for crash tests: {@link #start} launches {@link #main} on this JVM's
 * class path, which runs a {@link KafkaEngine} until the process is killed, and writes a ready
 * file once the engine runs. {@link #kill} is {@code kill -9}: no shutdown hook, no clean close.
 */
final class ForkedEngine implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Path log;

    private ForkedEngine(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The settings every engine process of a crash test shares, so they form one application. */
    static EngineConfig config(String bootstrapServers, String prefix, Path stateDir) {
        return EngineConfig.builder(bootstrapServers).prefix(prefix).partitions(2).stateDir(stateDir)
                .arnScope("us-east-1", "111111111111").taskTokenSecret(42)
                .timers(Duration.ofMillis(50), Duration.ofMillis(50))
                // A killed member leaves the group after the session timeout (the broker's minimum), not 45 s.
                .streams(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000)
                .streams(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1000)
                .build();
    }

    /** Arguments: bootstrap servers, topic prefix, state directory, ready file. */
    public static void main(String[] args) throws Exception {
        KafkaEngine engine = KafkaEngine.start(config(args[0], args[1], Path.of(args[2])));
        Files.writeString(Path.of(args[3]), engine.config().applicationId());
        Thread.currentThread().join(); // until killed
    }

    /** Starts an engine process and waits until it runs. */
    static ForkedEngine start(String bootstrapServers, String prefix, Path stateDir, Path workDir)
            throws IOException, InterruptedException {
        Path ready = Files.createTempFile(workDir, "ready-", "");
        Files.delete(ready);
        Path log = Files.createTempFile(workDir, "engine-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ForkedEngine.class.getName(),
                bootstrapServers, prefix, stateDir.toString(), ready.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ForkedEngine engine = new ForkedEngine(process, log);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!Files.exists(ready)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                engine.kill();
                throw new IllegalStateException("The engine process did not start (" + (process.isAlive()
                        ? "timed out" : "exit " + process.exitValue()) + "):\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return engine;
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The engine process did not die");
        }
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
