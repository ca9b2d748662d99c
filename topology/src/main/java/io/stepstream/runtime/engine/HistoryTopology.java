package io.stepstream.runtime.engine;

import io.stepstream.schemas.avro.TransitionBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small sub-topology of its own that keeps every execution's history queryable
 * (GetExecutionHistory): the transitions topic into the {@value #STORE} store, one entry per
 * batch under {@code executionArn#<first event id, 12 digits>}, so a prefix scan returns an
 * execution's batches in event order, until the execution is deleted (a tombstone on the topic).
 * Separate from the execution processor, which stays as fast
 * as it was; it reads committed transitions, so it lags by at most a commit interval.
 * A batch is stored as the bytes it came in, read with the transitions deserializer: the recorder
 * learns its first event id from the {@value #FIRST_EVENT_HEADER} header instead of decoding it
 * (decoding every batch to store it again took a tenth of the stream thread in bench (c)).
 */
public final class HistoryTopology {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryTopology.class);
    public static final String STORE = "history";
    /** The first event id of the batch on a transitions record, 8 bytes big-endian. */
    public static final String FIRST_EVENT_HEADER = "stepstream.first-event-id";
    private static final String SOURCE = "history-source";
    private static final String PROCESSOR = "history-recorder";

    private HistoryTopology() {}

    static void add(Topology topology, String transitionsTopic, EngineSerdes serdes) {
        topology.addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), transitionsTopic);
        topology.addProcessor(PROCESSOR, () -> new Recorder(serdes.transitions().deserializer()), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                Serdes.ByteArray()), PROCESSOR);
    }

    /** The headers of a transitions record that carries {@code batch}. */
    static Headers headers(TransitionBatch batch) {
        return new RecordHeaders().add(FIRST_EVENT_HEADER,
                ByteBuffer.allocate(Long.BYTES).putLong(batch.getEvents().get(0).getId()).array());
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
    private static final class Recorder implements Processor<String, byte[], Void, Void> {
        private final Deserializer<TransitionBatch> transitions;
        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, byte[]> store;

        Recorder(Deserializer<TransitionBatch> transitions) {
            this.transitions = transitions;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                forget(record.key());
                return;
            }
            long firstEventId = firstEventId(record);
            if (firstEventId > 0) {
                store.put(key(record.key(), firstEventId), record.value());
            }
        }

        /**
         * From the header; a batch written without one (by an earlier version) is decoded. 0 for no
         * events, or for bytes that are no batch (skipped, as Streams' deserialization handler did).
         */
        private long firstEventId(Record<String, byte[]> record) {
            Header header = record.headers().lastHeader(FIRST_EVENT_HEADER);
            if (header != null && header.value() != null && header.value().length == Long.BYTES) {
                return ByteBuffer.wrap(header.value()).getLong();
            }
            String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(null);
            try {
                TransitionBatch batch = transitions.deserialize(topic, record.value());
                return batch.getEvents().isEmpty() ? 0 : batch.getEvents().get(0).getId();
            } catch (RuntimeException e) {
                LOG.warn("Skipped an unreadable transitions record of execution {}: {}", record.key(), e.getMessage());
                return 0;
            }
        }

        private void forget(String executionArn) {
            List<String> keys = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix(executionArn),
                    new StringSerializer())) {
                it.forEachRemaining(entry -> keys.add(entry.key));
            }
            keys.forEach(store::delete);
        }
    }
}
