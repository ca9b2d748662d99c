package io.stepstream.api;

import io.stepstream.runtime.KafkaEngine;
import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.runtime.engine.ExecutionTopology;
import io.stepstream.runtime.engine.HistoryTopology;
import io.stepstream.schemas.avro.Definition;
import io.stepstream.schemas.avro.ExecutionStateEnvelope;
import io.stepstream.schemas.avro.TransitionBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The engine's state stores as the API reads them (Kafka Streams interactive queries). A key
 * owned by another instance throws {@link NotLocal} naming it, and the server forwards the whole
 * request there; with one instance (no {@code application.server}) every key is local.
 */
final class EngineView {
    private static final StringSerializer KEYS = new StringSerializer();
    private static final long RETRY_MILLIS = 10_000;

    private final KafkaStreams streams;
    private final HostInfo self;
    /** Reads the history store's batches, stored as they came on the transitions topic. */
    private final Deserializer<TransitionBatch> transitions;
    private final String transitionsTopic;

    /** Thrown when another instance owns the key; the server forwards the request to it. */
    static final class NotLocal extends RuntimeException {
        final HostInfo owner;

        NotLocal(HostInfo owner) {
            super("owned by " + owner, null, false, false);
            this.owner = owner;
        }
    }

    /** @param self this instance's {@code application.server}; null with a single instance */
    EngineView(KafkaEngine engine, HostInfo self) {
        this.streams = engine.streams();
        this.self = self;
        this.transitions = EngineSerdes.of(engine.config().serdeConfig()).transitions().deserializer();
        this.transitionsTopic = engine.config().names().transitions();
    }

    Definition definition(String key) {
        return retrying(() -> definitions().get(key));
    }

    /** Every record of the definitions store whose key starts with {@code prefix}, in key order. */
    List<KeyValue<String, Definition>> definitions(String prefix) {
        return retrying(() -> {
            List<KeyValue<String, Definition>> out = new ArrayList<>();
            try (KeyValueIterator<String, Definition> it = definitions().prefixScan(prefix, KEYS)) {
                it.forEachRemaining(out::add);
            }
            return out;
        });
    }

    private ReadOnlyKeyValueStore<String, Definition> definitions() {
        return streams.store(StoreQueryParameters.fromNameAndType(ExecutionTopology.DEFINITIONS_STORE,
                QueryableStoreTypes.keyValueStore()));
    }

    /** The execution's envelope, or null when this engine has none under that ARN. */
    ExecutionStateEnvelope execution(String arn) {
        return retrying(() -> this.<ExecutionStateEnvelope>owned(ExecutionTopology.EXECUTIONS_STORE, arn).get(arn));
    }

    /** The execution's transition batches in event order (empty when it has none yet). */
    List<TransitionBatch> history(String arn) {
        return retrying(() -> {
            List<TransitionBatch> out = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = this.<byte[]>owned(HistoryTopology.STORE, arn)
                    .prefixScan(HistoryTopology.prefix(arn), KEYS)) {
                it.forEachRemaining(kv -> out.add(transitions.deserialize(transitionsTopic, kv.value)));
            }
            return out;
        });
    }

    /** The executions this instance holds (every one with a single instance). */
    <T> List<T> localExecutions(Function<ExecutionStateEnvelope, T> view) {
        return retrying(() -> {
            List<T> out = new ArrayList<>();
            ReadOnlyKeyValueStore<String, ExecutionStateEnvelope> store = streams.store(
                    StoreQueryParameters.fromNameAndType(ExecutionTopology.EXECUTIONS_STORE,
                            QueryableStoreTypes.keyValueStore()));
            try (KeyValueIterator<String, ExecutionStateEnvelope> it = store.all()) {
                it.forEachRemaining(kv -> {
                    T t = view.apply(kv.value);
                    if (t != null) {
                        out.add(t);
                    }
                });
            }
            return out;
        });
    }

    /** The other instances of this application (none with a single instance). */
    Set<HostInfo> peers() {
        Set<HostInfo> peers = new TreeSet<>((a, b) -> (a.host() + ":" + a.port()).compareTo(b.host() + ":" + b.port()));
        if (self != null) {
            for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
                if (!m.hostInfo().equals(self)) {
                    peers.add(m.hostInfo());
                }
            }
        }
        return peers;
    }

    /** The store partition holding {@code key}, here, or {@link NotLocal} when another instance has it. */
    private <V> ReadOnlyKeyValueStore<String, V> owned(String storeName, String key) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> params =
                StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore());
        if (self != null) {
            KeyQueryMetadata meta = streams.queryMetadataForKey(storeName, key, KEYS);
            if (meta == null || meta == KeyQueryMetadata.NOT_AVAILABLE) {
                throw new InvalidStateStoreException("No metadata yet for " + storeName);
            }
            if (!meta.activeHost().equals(self)) {
                throw new NotLocal(meta.activeHost());
            }
            params = params.withPartition(meta.partition());
        }
        return streams.store(params);
    }

    /** Stores are not queryable while they restore or migrate (a rebalance); wait for them. */
    private static <T> T retrying(java.util.function.Supplier<T> query) {
        long deadline = System.currentTimeMillis() + RETRY_MILLIS;
        while (true) {
            try {
                return query.get();
            } catch (InvalidStateStoreException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw ApiException.frontEnd("ServiceUnavailable", "The engine's stores are not queryable: "
                            + e.getMessage(), 503);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
