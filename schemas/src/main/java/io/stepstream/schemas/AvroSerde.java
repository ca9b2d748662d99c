package io.stepstream.schemas;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** {@link AvroSerializer} and {@link AvroDeserializer} of one record type, for Kafka Streams. */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final AvroSerializer<T> serializer = new AvroSerializer<>();
    private final AvroDeserializer<T> deserializer;

    public AvroSerde(Class<T> type) {
        this.deserializer = new AvroDeserializer<>(type);
    }

    /** A serde of this type, already configured (the map as for any Kafka client, see {@link SerdeConfig}). */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type, Map<String, ?> configs, boolean isKey) {
        AvroSerde<T> serde = new AvroSerde<>(type);
        serde.configure(configs, isKey);
        return serde;
    }

    /** A value serde of this type; a null or blank registry URL means single-object encoding. */
    public static <T extends SpecificRecord> AvroSerde<T> forValues(Class<T> type, String registryUrl) {
        return of(type, registryUrl == null ? Map.of() : Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
