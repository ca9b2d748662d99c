package io.stepstream.runtime;

import io.stepstream.runtime.kafka.Broker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Engines for tests: one per prefix on the shared test broker, with fast timers and their own state directory. */
final class TestEngines {
    private TestEngines() {}

    static EngineConfig.Builder config(Broker broker, String prefix) {
        try {
            // Under target/, not /tmp: Kafka Streams warns that an OS temp directory may be cleared under it.
            Path stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "streams-state")),
                    prefix + "-");
            return EngineConfig.builder(broker.bootstrapServers()).prefix(prefix).partitions(2)
                    .stateDir(stateDir).arnScope("us-east-1", "111111111111").taskTokenSecret(42)
                    .timers(Duration.ofMillis(50), Duration.ofMillis(50));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KafkaEngine start(Broker broker, String prefix) {
        return KafkaEngine.start(config(broker, prefix).build());
    }
}
