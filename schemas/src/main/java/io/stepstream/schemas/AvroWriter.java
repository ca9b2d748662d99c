package io.stepstream.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/** Writes records framed for a registry (Confluent) or, without one, in single-object encoding. */
final class AvroWriter {
    private final SchemaRegistry registry;
    private final boolean autoRegister;
    private final Map<Schema, DatumWriter<SpecificRecord>> writers = new ConcurrentHashMap<>();
    private final Map<Schema, byte[]> singleObjectHeaders = new ConcurrentHashMap<>();

    /** @param registry null for single-object encoding */
    AvroWriter(SchemaRegistry registry, boolean autoRegister) {
        this.registry = registry;
        this.autoRegister = autoRegister;
    }

    byte[] write(String subject, SpecificRecord record) {
        Schema schema = record.getSchema();
        byte[] header = registry == null
                ? singleObjectHeaders.computeIfAbsent(schema, WireFormat::singleObjectHeader)
                : WireFormat.confluentHeader(autoRegister
                        ? registry.register(subject, schema)
                        : registry.idOf(subject, schema));
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length + 256);
        out.writeBytes(header);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writerFor(record).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot write " + schema.getFullName() + " for " + subject + ": " + e, e);
        }
        return out.toByteArray();
    }

    private DatumWriter<SpecificRecord> writerFor(SpecificRecord record) {
        return writers.computeIfAbsent(record.getSchema(),
                schema -> new SpecificDatumWriter<>(schema, SpecificData.getForClass(record.getClass())));
    }
}
