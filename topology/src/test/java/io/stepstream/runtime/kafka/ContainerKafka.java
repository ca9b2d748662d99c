package io.stepstream.runtime.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A Kafka broker in a Docker container through Testcontainers. Only this class touches
 * Testcontainers, so without it on the class path the other modes still work.
 */
final class ContainerKafka implements Broker, AutoCloseable {
    /** Override with -Dkafka.image. */
    private static final String DEFAULT_IMAGE = "apache/kafka-native:4.1.0";

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    /** True when a Docker daemon answers; cheap when there is plainly none (no socket, no DOCKER_HOST). */
    static boolean dockerAvailable() {
        boolean plausible = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
        try {
            return plausible && DockerClientFactory.instance().isDockerAvailable();
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    static ContainerKafka start() {
        KafkaContainer container = new KafkaContainer(System.getProperty("kafka.image", DEFAULT_IMAGE))
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public String mode() {
        return "testcontainers";
    }

    @Override
    public void close() {
        container.stop();
    }
}
