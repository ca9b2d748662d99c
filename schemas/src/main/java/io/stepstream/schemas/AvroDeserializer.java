package io.stepstream.schemas;

import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads one generated Avro record type from either framing (see {@link AvroSerializer}); null
 * stays null. Bytes that cannot be read throw {@link UnreadableRecordException}. Made by Kafka's
 * reflection, it learns its type from {@link SerdeConfig#VALUE_TYPE} or {@link SerdeConfig#KEY_TYPE}.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private Class<T> type;
    private AvroReader<T> reader;

    /** For Kafka's reflection; {@link #configure} must name the type. */
    public AvroDeserializer() {}

    /** A deserializer of this type without a registry until {@link #configure} says otherwise. */
    public AvroDeserializer(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        this.reader = new AvroReader<>(type, null);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (type == null) {
            type = typeFrom(configs.get(isKey ? SerdeConfig.KEY_TYPE : SerdeConfig.VALUE_TYPE), isKey);
        }
        reader = new AvroReader<>(type, SerdeConfig.from(configs).newRegistry());
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (reader == null) {
            throw new IllegalStateException("AvroDeserializer used before configure() named its record type");
        }
        return data == null ? null : reader.read(topic, data);
    }

    @SuppressWarnings("unchecked")
    private static <T> Class<T> typeFrom(Object configured, boolean isKey) {
        String name = isKey ? SerdeConfig.KEY_TYPE : SerdeConfig.VALUE_TYPE;
        if (configured instanceof Class<?> given) {
            return checked((Class<T>) given, name);
        }
        if (configured == null) {
            throw new ConfigException(name + " must name the Avro record class to deserialize");
        }
        try {
            return checked((Class<T>) Class.forName(configured.toString().trim(), true,
                    Thread.currentThread().getContextClassLoader()), name);
        } catch (ClassNotFoundException e) {
            throw new ConfigException(name, configured, "no such class");
        }
    }

    private static <T> Class<T> checked(Class<T> type, String name) {
        if (!SpecificRecord.class.isAssignableFrom(type)) {
            throw new ConfigException(name, type.getName(), "not a generated Avro SpecificRecord");
        }
        return type;
    }
}
