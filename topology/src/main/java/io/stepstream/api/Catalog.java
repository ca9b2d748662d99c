package io.stepstream.api;

import io.stepstream.runtime.EngineConfig;
import io.stepstream.schemas.AvroSerde;
import io.stepstream.schemas.avro.Definition;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes what {@code EngineClient.deploy} does not on the compacted definitions topic: tombstones
 * and published versions.
 */
final class Catalog implements AutoCloseable {
    private final String topic;
    private final AvroSerde<Definition> serde;
    private final KafkaProducer<String, byte[]> producer;

    Catalog(EngineConfig config) {
        this.topic = config.names().definitions();
        this.serde = AvroSerde.of(Definition.class, config.serdeConfig(), false);
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Deletes a key of the definitions topic (a tombstone), synchronously. */
    void delete(String key) {
        write(key, null);
    }

    /** Writes a record to the definitions topic, synchronously. */
    void put(String key, Definition value) {
        write(key, serde.serializer().serialize(topic, value));
    }

    private void write(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not write to " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
