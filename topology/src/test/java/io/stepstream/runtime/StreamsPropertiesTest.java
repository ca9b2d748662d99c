package io.stepstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The Kafka Streams properties the engine runs with: its own settings, and a deployment's over them. */
class StreamsPropertiesTest {
    private static final String LINGER = StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG);
    private static final String BATCH = StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG);

    @Test
    void theEnginesProducerSendsFullerBatchesThanStreamsDefault() {
        var props = KafkaEngine.streamsProperties(EngineConfig.builder("127.0.0.1:9092").build());
        assertEquals(30, props.get(LINGER));
        assertEquals(64 * 1024, props.get(BATCH));
    }

    @Test
    void aDeploymentsStreamsPropertyWinsOverTheEnginesOwn() {
        var props = KafkaEngine.streamsProperties(EngineConfig.builder("127.0.0.1:9092")
                .streams(LINGER, "5").build());
        assertEquals("5", props.get(LINGER));
        assertEquals(64 * 1024, props.get(BATCH));
    }
}
