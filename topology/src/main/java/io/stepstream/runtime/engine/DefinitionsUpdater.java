package io.stepstream.runtime.engine;

import io.stepstream.schemas.avro.Definition;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global definitions store equal to the compacted definitions topic (a null value
 * deletes) and tells {@link Definitions} how far it has read.
 */
final class DefinitionsUpdater implements Processor<String, Definition, Void, Void> {
    private final String storeName;
    private final Definitions definitions;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, Definition> store;

    DefinitionsUpdater(String storeName, Definitions definitions) {
        this.storeName = storeName;
        this.definitions = definitions;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, Definition> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        definitions.changed(record.key(), record.value());
        context.recordMetadata().ifPresent(meta -> definitions.read(meta.offset()));
    }
}
