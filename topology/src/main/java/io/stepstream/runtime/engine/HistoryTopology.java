package io.stepstream.runtime.engine;

import io.stepstream.schemas.avro.TransitionBatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A small sub-topology of its own that keeps every execution's history queryable
 * (GetExecutionHistory): the transitions topic into the {@value #STORE} store, one entry per
 * batch under {@code executionArn#<first event id, 12 digits>}, so a prefix scan returns an
 * execution's batches in event order, until the execution is deleted (a tombstone on the topic).
 * Separate from the execution processor, which stays as fast
 * as it was; it reads committed transitions, so it lags by at most a commit interval.
 */
public final class HistoryTopology {
    public static final String STORE = "history";
    private static final String SOURCE = "history-source";
    private static final String PROCESSOR = "history-recorder";

    private HistoryTopology() {}

    static void add(Topology topology, String transitionsTopic, EngineSerdes serdes) {
        topology.addSource(SOURCE, new StringDeserializer(), serdes.transitions().deserializer(), transitionsTopic);
        topology.addProcessor(PROCESSOR, Recorder::new, SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                serdes.transitions()), PROCESSOR);
    }

    /** The prefix of every key of an execution's history. Execution names cannot hold '#'. */
    public static String prefix(String executionArn) {
        return executionArn + "#";
    }

    public static String key(String executionArn, long firstEventId) {
        String id = Long.toString(firstEventId); // String.format("%012d") cost 2 % of the stream thread
        return prefix(executionArn) + "0".repeat(Math.max(0, 12 - id.length())) + id;
    }

    /**
     * Writes each batch under its execution and first event id; a replayed batch overwrites itself.
     * A tombstone (the execution processor writes one when it deletes an ended execution) deletes
     * the execution's history.
     */
    private static final class Recorder implements Processor<String, TransitionBatch, Void, Void> {
        private KeyValueStore<String, TransitionBatch> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, TransitionBatch> record) {
            TransitionBatch batch = record.value();
            if (record.key() == null) {
                return;
            }
            if (batch == null) {
                forget(record.key());
            } else if (!batch.getEvents().isEmpty()) {
                store.put(key(record.key(), batch.getEvents().get(0).getId()), batch);
            }
        }

        private void forget(String executionArn) {
            List<String> keys = new ArrayList<>();
            try (KeyValueIterator<String, TransitionBatch> it = store.prefixScan(prefix(executionArn),
                    new StringSerializer())) {
                it.forEachRemaining(entry -> keys.add(entry.key));
            }
            keys.forEach(store::delete);
        }
    }
}
