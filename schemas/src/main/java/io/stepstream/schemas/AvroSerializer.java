package io.stepstream.schemas;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records: in the Confluent wire format under the subject {@code <topic>-value} (or
 * {@code -key}) when {@link SerdeConfig#SCHEMA_REGISTRY_URL} is set, in Avro single-object
 * encoding otherwise. Null stays null (a tombstone). Usable by class name in client configs.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private AvroWriter writer = new AvroWriter(null, true);
    private boolean isKey;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SerdeConfig config = SerdeConfig.from(configs);
        this.writer = new AvroWriter(config.newRegistry(), config.autoRegister());
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : writer.write(topic + (isKey ? "-key" : "-value"), data);
    }
}
