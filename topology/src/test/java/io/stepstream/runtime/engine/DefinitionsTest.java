package io.stepstream.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.stepstream.schemas.avro.Definition;
import io.stepstream.schemas.avro.MachineType;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

/** Definitions read from the global store are remembered until the global thread reports a change. */
class DefinitionsTest {
    private final Definitions definitions = new Definitions();
    private final CountingStore store = new CountingStore();

    @Test
    void readsTheStoreOncePerKey() {
        Definition v1 = definition(1);
        store.map.put("m", v1);

        assertSame(v1, definitions.lookup("m", store));
        assertSame(v1, definitions.lookup("m", store));
        assertEquals(1, store.gets);
    }

    @Test
    void servesWhatTheGlobalThreadChangedAndForgetsWhatItDeleted() {
        store.map.put("m", definition(1));
        definitions.lookup("m", store);

        Definition v2 = definition(2);
        store.map.put("m", v2);
        definitions.changed("m", v2);
        Definition afterUpdate = definitions.lookup("m", store);
        store.map.remove("m");
        definitions.changed("m", null);

        assertSame(v2, afterUpdate);
        assertNull(definitions.lookup("m", store));
    }

    @Test
    void doesNotRememberAReadThatAChangeOvertook() {
        Definition stale = definition(1);
        Definition fresh = definition(2);
        ReadOnlyKeyValueStore<String, Definition> racing = new CountingStore() {
            @Override
            public Definition get(String key) {
                definitions.changed(key, null); // the global thread deletes it while the read is under way...
                definitions.changed(key, fresh); // ...and publishes a new version
                definitions.changed(key, null);
                return stale;
            }
        };

        definitions.lookup("m", racing);
        store.map.put("m", fresh);

        assertSame(fresh, definitions.lookup("m", store));
    }

    private static Definition definition(int version) {
        return new Definition("m", version, "{}", MachineType.STANDARD, Instant.EPOCH, null, null);
    }

    /** A store over a map that counts its reads. */
    private static class CountingStore implements ReadOnlyKeyValueStore<String, Definition> {
        final Map<String, Definition> map = new HashMap<>();
        int gets;

        @Override
        public Definition get(String key) {
            gets++;
            return map.get(key);
        }

        @Override
        public KeyValueIterator<String, Definition> range(String from, String to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public KeyValueIterator<String, Definition> all() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long approximateNumEntries() {
            return map.size();
        }
    }
}
