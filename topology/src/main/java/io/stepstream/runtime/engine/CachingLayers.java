package io.stepstream.runtime.engine;

import java.util.function.Consumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CachingKeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * Reaches the record-cache layer of a store a processor got from its context, for two things
 * Streams does not offer processors. The layer is reached through Streams' internal wrappers,
 * which no public API exposes; {@code ChangelogTombstoneTest} checks both on the pinned Kafka version.
 */
final class CachingLayers {
    private CachingLayers() {}

    /**
     * Makes a cached store write no tombstone for a key it never wrote, and calls {@code written}
     * with the key of every entry the cache writes through to the store below it (at a commit, or
     * when it evicts). An Express execution's state is written and deleted within one commit
     * interval; Streams' record cache keeps the write, but still flushes the delete to RocksDB and
     * the changelog. Streams skips the delete of a key the store below does not hold when the caching
     * layer has a flush listener (as its KTable processors set in their {@code init}). The check is a
     * RocksDB read per flushed delete: cheap for a state the step just read, dear for a key nothing
     * read lately (the timers store does without it). The listener is set on the caching layer
     * itself: the metered store above would deserialize every flushed value for it.
     *
     * @throws IllegalStateException if the store has no caching layer
     */
    static void skipUnwrittenTombstones(StateStore store, Consumer<byte[]> written) {
        if (!cachingLayer(store).setFlushListener(record -> written.accept(record.key()), false)) {
            throw new IllegalStateException("Store " + store.name() + " took no flush listener");
        }
    }

    /**
     * The store below a cached store's record cache: what is written there skips the cache, and
     * reaches RocksDB and the changelog at once. Safe for keys the cache does not hold.
     *
     * @throws IllegalStateException if the store has no caching layer
     */
    static KeyValueStore<Bytes, byte[]> belowCache(StateStore store) {
        return cachingLayer(store).wrapped();
    }

    private static CachingKeyValueStore cachingLayer(StateStore store) {
        StateStore layer = store;
        while (!(layer instanceof CachingKeyValueStore) && layer instanceof WrappedStateStore<?, ?, ?> wrapper) {
            layer = wrapper.wrapped();
        }
        if (!(layer instanceof CachingKeyValueStore cache)) {
            throw new IllegalStateException("Store " + store.name() + " has no caching layer");
        }
        return cache;
    }
}
