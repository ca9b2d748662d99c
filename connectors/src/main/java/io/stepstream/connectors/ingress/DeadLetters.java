package io.stepstream.connectors.ingress;

import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.schemas.avro.DeadLetter;
import io.stepstream.schemas.avro.DeadLetterHeader;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records ingress could not turn into a start (a transform that fails, a value that is no valid
 * input) go to the engine's dead-letter topic, in the engine's {@code DeadLetter} format, with the
 * original bytes and the reason; the rule moves on.
 */
final class DeadLetters implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final String topic;
    private final EngineSerdes serdes;
    private final KafkaProducer<byte[], byte[]> producer;

    DeadLetters(EngineConfig config) {
        this.topic = config.names().dlq();
        this.serdes = EngineSerdes.of(config.serdeConfig());
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Dead-letters {@code record}; returns once the broker has it, so the offset can be committed after. */
    void send(ConsumerRecord<byte[], byte[]> record, String reason, Throwable error) {
        List<DeadLetterHeader> headers = new ArrayList<>();
        for (Header h : record.headers()) {
            headers.add(new DeadLetterHeader(h.key(), h.value() == null ? null : ByteBuffer.wrap(h.value())));
        }
        DeadLetter letter = new DeadLetter(record.topic(), record.partition(), record.offset(),
                record.key() == null ? null : ByteBuffer.wrap(record.key()),
                record.value() == null ? null : ByteBuffer.wrap(record.value()), headers, reason,
                error == null ? null : error.getClass().getName(), Instant.ofEpochMilli(record.timestamp()),
                Instant.now());
        LOG.warn("Dead-lettered a record of {} (partition {}, offset {}): {}", record.topic(), record.partition(),
                record.offset(), reason);
        try {
            producer.send(new ProducerRecord<>(topic, record.key(), serdes.deadLetters().serializer()
                    .serialize(topic, letter))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not dead-letter a record of " + record.topic(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
