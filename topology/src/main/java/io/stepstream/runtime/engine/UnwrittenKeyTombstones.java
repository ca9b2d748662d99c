package io.stepstream.runtime.engine;

import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A cached store builder whose store writes no tombstone for a key it never wrote. An Express
 * execution's state is written and deleted within one commit interval; Streams' record cache keeps
 * the write, but still flushes the delete to RocksDB and the changelog. Streams skips the delete of
 * a key the store below does not hold when the caching layer has a flush listener (as for its
 * KTables), so this sets one that does nothing. The check is a RocksDB read per flushed delete:
 * cheap for a state the step just read, dear for a key nothing read lately (the timers store does
 * without it). That layer is reached through Streams' internal wrappers, which no public API
 * exposes; {@code ChangelogTombstoneTest} checks it on the pinned Kafka version.
 */
final class UnwrittenKeyTombstones<K, V> implements StoreBuilder<KeyValueStore<K, V>> {
    private final StoreBuilder<KeyValueStore<K, V>> builder;

    private UnwrittenKeyTombstones(StoreBuilder<KeyValueStore<K, V>> builder) {
        this.builder = builder;
    }

    /** @param builder a builder with caching enabled */
    static <K, V> StoreBuilder<KeyValueStore<K, V>> skipped(StoreBuilder<KeyValueStore<K, V>> builder) {
        return new UnwrittenKeyTombstones<>(builder);
    }

    @Override
    @SuppressWarnings("unchecked") // Streams' caching layer stores bytes
    public KeyValueStore<K, V> build() {
        KeyValueStore<K, V> store = builder.build();
        StateStore cache = store instanceof WrappedStateStore<?, ?, ?> metered ? metered.wrapped() : null;
        // On the caching layer itself: the metered store's listener would deserialize every flushed value.
        if (!(cache instanceof CachedStateStore<?, ?>)
                || !((CachedStateStore<byte[], byte[]>) cache).setFlushListener(record -> { }, false)) {
            throw new IllegalStateException("Store " + store.name() + " has no caching layer below its metered one ("
                    + (cache == null ? store.getClass() : cache.getClass()).getName() + ")");
        }
        return store;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
        builder.withCachingEnabled();
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
        builder.withCachingDisabled();
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
        builder.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
        builder.withLoggingDisabled();
        return this;
    }

    @Override
    public Map<String, String> logConfig() {
        return builder.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return builder.loggingEnabled();
    }

    @Override
    public String name() {
        return builder.name();
    }
}
