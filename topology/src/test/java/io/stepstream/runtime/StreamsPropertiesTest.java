package io.stepstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The Kafka Streams properties the engine runs with: its own settings, and a deployment's over them. */
class StreamsPropertiesTest {
    private static final String LINGER = StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG);
    private static final String BATCH = StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG);

    @Test
    void atLeastOnceTheProducerSendsFullerBatchesThanStreamsDefault() {
        var props = KafkaEngine.streamsProperties(EngineConfig.builder("127.0.0.1:9092")
                .guarantee(EngineConfig.Guarantee.AT_LEAST_ONCE).build());
        assertEquals(30, props.get(LINGER));
        assertEquals(64 * 1024, props.get(BATCH));
    }

    @Test
    void exactlyOnceKeepsStreamsProducerSettings() {
        var props = KafkaEngine.streamsProperties(EngineConfig.builder("127.0.0.1:9092")
                .guarantee(EngineConfig.Guarantee.EXACTLY_ONCE).build());
        assertNull(props.get(LINGER));
        assertNull(props.get(BATCH));
    }

    @Test
    void aDeploymentsStreamsPropertyWinsOverTheEnginesOwn() {
        var props = KafkaEngine.streamsProperties(EngineConfig.builder("127.0.0.1:9092")
                .guarantee(EngineConfig.Guarantee.AT_LEAST_ONCE).streams(LINGER, "5").build());
        assertEquals("5", props.get(LINGER));
        assertEquals(64 * 1024, props.get(BATCH));
    }
}
