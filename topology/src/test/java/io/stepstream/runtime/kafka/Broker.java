package io.stepstream.runtime.kafka;

/** A running Kafka broker a test can talk to; injected by {@link KafkaBrokerExtension}. */
public interface Broker {

    /** {@code host:port} for {@code bootstrap.servers}. */
    String bootstrapServers();

    /** How it runs: embedded, forked or testcontainers. */
    String mode();
}
