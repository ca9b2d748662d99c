package io.stepstream.schemas;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Remembers every answer of another registry: ids never change meaning, so one network round trip
 * per schema and serde instance is enough.
 */
public final class CachedSchemaRegistry implements SchemaRegistry {
    private final SchemaRegistry delegate;
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

    public CachedSchemaRegistry(SchemaRegistry delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public int register(String subject, Schema schema) {
        return remember(ids.computeIfAbsent(new SubjectSchema(subject, schema),
                key -> delegate.register(subject, schema)), schema);
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return remember(ids.computeIfAbsent(new SubjectSchema(subject, schema),
                key -> delegate.idOf(subject, schema)), schema);
    }

    @Override
    public Schema schemaById(int id) {
        return schemas.computeIfAbsent(id, delegate::schemaById);
    }

    private int remember(int id, Schema schema) {
        schemas.putIfAbsent(id, schema);
        return id;
    }

    private record SubjectSchema(String subject, Schema schema) {}
}
