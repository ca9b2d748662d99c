package io.stepstream.runtime.engine;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.internals.CachingKeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * Makes a cached store write no tombstone for a key it never wrote. An Express execution's state
 * is written and deleted within one commit interval; Streams' record cache keeps the write, but
 * still flushes the delete to RocksDB and the changelog. Streams skips the delete of a key the
 * store below does not hold when the caching layer has a flush listener (as its KTable processors
 * set in their {@code init}), so this sets one that does nothing. The check is a RocksDB read per
 * flushed delete: cheap for a state the step just read, dear for a key nothing read lately (the
 * timers store does without it). The caching layer is reached through Streams' internal wrappers,
 * which no public API exposes; {@code ChangelogTombstoneTest} checks it on the pinned Kafka version.
 */
final class UnwrittenKeyTombstones {
    private UnwrittenKeyTombstones() {}

    /**
     * Sets the listener on the caching layer of a store a processor got from its context. On that
     * layer itself: the metered store above would deserialize every flushed value for the listener.
     *
     * @throws IllegalStateException if the store has no caching layer
     */
    static void skip(StateStore store) {
        StateStore layer = store;
        while (!(layer instanceof CachingKeyValueStore) && layer instanceof WrappedStateStore<?, ?, ?> wrapper) {
            layer = wrapper.wrapped();
        }
        if (!(layer instanceof CachingKeyValueStore cache) || !cache.setFlushListener(record -> { }, false)) {
            throw new IllegalStateException("Store " + store.name() + " has no caching layer");
        }
    }
}
