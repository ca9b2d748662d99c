package io.stepstream.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/** Writes records framed for a registry (Confluent) or, without one, in single-object encoding. */
final class AvroWriter {
    private final SchemaRegistry registry;
    private final boolean autoRegister;
    private final Map<Schema, DatumWriter<SpecificRecord>> writers = new ConcurrentHashMap<>();
    private final Map<Schema, byte[]> singleObjectHeaders = new ConcurrentHashMap<>();
    /**
     * Each thread's buffer and buffered encoder, reused from record to record: a new stream and a
     * direct encoder per record grew the stream by copies and locked it on every field, a tenth of
     * what the engine's stream thread allocated.
     */
    private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);
    private static final int KEPT_BYTES = 1 << 20;

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
        Output out = OUTPUT.get();
        out.reset();
        out.writeBytes(header);
        try {
            out.encoder = EncoderFactory.get().binaryEncoder(out, out.encoder);
            writerFor(record).write(record, out.encoder);
            out.encoder.flush();
        } catch (IOException | RuntimeException e) {
            OUTPUT.remove(); // the encoder may hold part of this record, which it would flush into the next
            throw new SerializationException("Cannot write " + schema.getFullName() + " for " + subject + ": " + e, e);
        }
        byte[] bytes = out.toByteArray();
        if (bytes.length > KEPT_BYTES) {
            OUTPUT.remove(); // a rare large state does not keep its buffer
        }
        return bytes;
    }

    private DatumWriter<SpecificRecord> writerFor(SpecificRecord record) {
        return writers.computeIfAbsent(record.getSchema(),
                schema -> new SpecificDatumWriter<>(schema, new TrustedSpecificData(record.getClass())));
    }

    /** A thread's output buffer, with the encoder last used over it. */
    private static final class Output extends ByteArrayOutputStream {
        BinaryEncoder encoder;

        Output() {
            super(1024);
        }
    }
}
