package io.stepstream.runtime.engine;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A key-value store's outermost layer that runs an action right after Streams flushes the store's
 * record cache at a commit, when everything the cache wrote through is in the store and on its way
 * to the changelog. Streams offers processors no such hook; the layer extends an internal class
 * ({@link WrappedStateStore}) so that Streams' state manager calls its {@link #flushCache}, which
 * {@code ChangelogTombstoneTest} checks on the Kafka version this project builds with.
 */
final class FlushHook<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V> implements KeyValueStore<K, V> {
    private Runnable afterFlush = () -> { };

    private FlushHook(KeyValueStore<K, V> store) {
        super(store);
    }

    /** A builder of the layer around the store {@code store} builds. */
    static <K, V> StoreBuilder<FlushHook<K, V>> around(StoreBuilder<KeyValueStore<K, V>> store) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<FlushHook<K, V>> withCachingEnabled() {
                store.withCachingEnabled();
                return this;
            }

            @Override
            public StoreBuilder<FlushHook<K, V>> withCachingDisabled() {
                store.withCachingDisabled();
                return this;
            }

            @Override
            public StoreBuilder<FlushHook<K, V>> withLoggingEnabled(Map<String, String> config) {
                store.withLoggingEnabled(config);
                return this;
            }

            @Override
            public StoreBuilder<FlushHook<K, V>> withLoggingDisabled() {
                store.withLoggingDisabled();
                return this;
            }

            @Override
            public FlushHook<K, V> build() {
                return new FlushHook<>(store.build());
            }

            @Override
            public Map<String, String> logConfig() {
                return store.logConfig();
            }

            @Override
            public boolean loggingEnabled() {
                return store.loggingEnabled();
            }

            @Override
            public String name() {
                return store.name();
            }
        };
    }

    /**
     * Runs {@code action} after every flush of the cache of {@code store}, a store a processor got
     * from its context.
     *
     * @throws IllegalStateException if the store was not built {@link #around} another
     */
    static void afterFlush(StateStore store, Runnable action) {
        FlushHook<?, ?> hook = store instanceof FlushHook<?, ?> h ? h
                : store instanceof WrappedStateStore<?, ?, ?> wrapper ? wrapper.findInner(FlushHook.class) : null;
        if (hook == null) {
            throw new IllegalStateException("Store " + store.name() + " has no flush hook");
        }
        hook.afterFlush = action;
    }

    @Override
    public void flushCache() {
        super.flushCache();
        afterFlush.run();
    }

    @Override
    public V get(K key) {
        return wrapped().get(key);
    }

    @Override
    public void put(K key, V value) {
        wrapped().put(key, value);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return wrapped().putIfAbsent(key, value);
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        wrapped().putAll(entries);
    }

    @Override
    public V delete(K key) {
        return wrapped().delete(key);
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return wrapped().reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries();
    }
}
