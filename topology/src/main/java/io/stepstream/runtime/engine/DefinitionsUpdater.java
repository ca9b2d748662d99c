package io.stepstream.runtime.engine;

import io.stepstream.schemas.avro.Definition;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global definitions store equal to the compacted definitions topic (a null value deletes). */
final class DefinitionsUpdater implements Processor<String, Definition, Void, Void> {
    private final String storeName;
    private KeyValueStore<String, Definition> store;

    DefinitionsUpdater(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
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
    }
}
