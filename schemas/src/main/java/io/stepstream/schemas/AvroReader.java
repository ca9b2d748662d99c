package io.stepstream.schemas;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads one record type from either framing, whatever the reader was configured with: the first
 * bytes say which. The writer schema comes from the registry (Confluent) or from the schemas this
 * build knows by fingerprint (single-object), and is resolved against the generated class's
 * schema with Avro's evolution rules. Every failure caused by the bytes is an
 * {@link UnreadableRecordException}; a registry that cannot be reached is a
 * {@link SchemaRegistryException}.
 */
final class AvroReader<T extends SpecificRecord> {
    private final Class<T> type;
    private final Schema readerSchema;
    private final TrustedSpecificData model;
    private final SchemaRegistry registry;
    private final Map<Long, Schema> knownByFingerprint = new ConcurrentHashMap<>();
    private final Map<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /** @param registry null when no registry is configured: only single-object bytes are readable */
    AvroReader(Class<T> type, SchemaRegistry registry) {
        this.type = type;
        this.model = new TrustedSpecificData(type);
        this.readerSchema = model.getSchema(type);
        this.registry = registry;
        for (Schema known : Schemas.withHistory(readerSchema, type.getClassLoader())) {
            knownByFingerprint.put(WireFormat.fingerprint(known), known);
        }
    }

    T read(String topic, byte[] bytes) {
        if (WireFormat.isConfluent(bytes)) {
            return decode(topic, bytes, WireFormat.CONFLUENT_HEADER, confluentWriterSchema(topic, bytes));
        }
        if (WireFormat.isSingleObject(bytes)) {
            return decode(topic, bytes, WireFormat.SINGLE_OBJECT_HEADER, singleObjectWriterSchema(topic, bytes));
        }
        throw unreadable(topic, bytes, "it is in neither the Confluent wire format (00 + 4-byte schema id)"
                + " nor Avro single-object encoding (c3 01 + 8-byte fingerprint)", null);
    }

    private Schema confluentWriterSchema(String topic, byte[] bytes) {
        int id = WireFormat.confluentId(bytes);
        if (registry == null) {
            throw unreadable(topic, bytes, "it is framed for a schema registry (schema id " + id
                    + ") but no " + SerdeConfig.SCHEMA_REGISTRY_URL + " is configured", null);
        }
        try {
            return registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw unreadable(topic, bytes, "schema id " + id + " is unknown to the registry", e);
            }
            throw e;
        }
    }

    private Schema singleObjectWriterSchema(String topic, byte[] bytes) {
        long fingerprint = WireFormat.singleObjectFingerprint(bytes);
        Schema schema = knownByFingerprint.get(fingerprint);
        if (schema == null) {
            throw unreadable(topic, bytes, String.format("it was written with schema fingerprint %016x, which is"
                    + " not a version of %s this build knows", fingerprint, readerSchema.getFullName()), null);
        }
        return schema;
    }

    private T decode(String topic, byte[] bytes, int offset, Schema writerSchema) {
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, offset, bytes.length - offset, null);
            T record = readerFor(writerSchema).read(null, decoder);
            if (!decoder.isEnd()) {
                throw unreadable(topic, bytes, "bytes follow the end of the " + writerSchema.getFullName(), null);
            }
            return record;
        } catch (UnreadableRecordException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw unreadable(topic, bytes, "it cannot be decoded as " + writerSchema.getFullName()
                    + " into " + type.getName() + ": " + e, e);
        }
    }

    private DatumReader<T> readerFor(Schema writerSchema) {
        return readers.computeIfAbsent(writerSchema,
                writer -> new SpecificDatumReader<>(writer, readerSchema, model));
    }

    private static UnreadableRecordException unreadable(String topic, byte[] bytes, String why, Throwable cause) {
        String message = "Unreadable record on topic '" + topic + "' (" + bytes.length + " bytes, starting "
                + WireFormat.prefix(bytes) + "): " + why;
        return cause == null ? new UnreadableRecordException(message) : new UnreadableRecordException(message, cause);
    }
}
