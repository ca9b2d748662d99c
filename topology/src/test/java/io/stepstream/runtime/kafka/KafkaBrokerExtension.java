package io.stepstream.runtime.kafka;

import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives tests a real Kafka broker as a {@link Broker} parameter: one per test run, kept in the
 * root extension store and stopped when the run ends. The mode comes from {@code -Dkafka.broker}
 * (or {@code KAFKA_BROKER}): {@code embedded} ({@link EmbeddedKafka} in this JVM), {@code forked}
 * (a child JVM), {@code testcontainers} (Docker), or {@code auto}, the default: Testcontainers
 * where a Docker daemon answers, embedded otherwise.
 */
public final class KafkaBrokerExtension implements ParameterResolver {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Broker.class;
    }

    @Override
    public Broker resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Broker.class.getName(),
                key -> start(mode()), RunningBroker.class);
    }

    static String mode() {
        String mode = System.getProperty("kafka.broker", System.getenv().getOrDefault("KAFKA_BROKER", "auto"));
        return mode.trim().toLowerCase(Locale.ROOT);
    }

    private static RunningBroker start(String mode) {
        long started = System.nanoTime();
        RunningBroker broker = switch (mode) {
            case "embedded" -> embedded();
            case "forked" -> forked();
            case "testcontainers" -> wrap(ContainerKafka.start());
            case "auto" -> ContainerKafka.dockerAvailable() ? wrap(ContainerKafka.start()) : embedded();
            default -> throw new IllegalArgumentException(
                    "kafka.broker must be auto, embedded, forked or testcontainers, not '" + mode + "'");
        };
        LOG.info("Kafka broker ({}) at {} up in {} ms", broker.mode(), broker.bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000);
        return broker;
    }

    private static RunningBroker embedded() {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        return new RunningBroker(kafka.bootstrapServers(), "embedded", kafka);
    }

    private static RunningBroker forked() {
        try {
            return wrap(ForkedKafka.start());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start a forked Kafka", e);
        }
    }

    private static <B extends Broker & AutoCloseable> RunningBroker wrap(B broker) {
        return new RunningBroker(broker.bootstrapServers(), broker.mode(), broker);
    }

    /** What the store holds; JUnit closes it when the root context closes. */
    record RunningBroker(String bootstrapServers, String mode, AutoCloseable resource)
            implements Broker, AutoCloseable {
        @Override
        public void close() throws Exception {
            resource.close();
        }
    }
}
