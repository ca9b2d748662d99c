package io.stepstream.runtime.engine;

import io.stepstream.asl.StateMachines;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.StateMachine;
import io.stepstream.schemas.avro.Definition;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Keys of the definitions topic, and the compiled state machines of the engine: a definition
 * version never changes once published, so it is compiled once per type and shared by every
 * stream thread. The records themselves live in the global store the topology builds from the
 * definitions topic: under {@code name} the latest revision, under {@code name:revision} each
 * revision, under {@code name:vN} each published version.
 */
public final class Definitions {
    /**
     * On a StartExecution command: the offset in the definitions topic of the definition the
     * client started (decimal text). A start whose machine is missing waits until the global
     * store has read that far, so a start sent right after a deploy does not race the global thread.
     */
    public static final String OFFSET_HEADER = "stepstream.definition-offset";

    private final Map<String, StateMachine> compiled = new ConcurrentHashMap<>();
    private final AtomicLong read = new AtomicLong(-1);
    /** Definitions read from the global store, by store key: a start would otherwise read and decode one each time. */
    private final Map<String, Definition> current = new ConcurrentHashMap<>();
    /** Counts the global store's changes, so a reader never caches what a change overtook. */
    private final AtomicLong changes = new AtomicLong();

    /** The key of the latest version of a state machine. */
    public static String latestKey(String name) {
        return name;
    }

    /** The key of one version; also what an execution's envelope records. */
    public static String versionKey(String name, int version) {
        return name + ":" + version;
    }

    /**
     * The definition under a store key, from memory when it was read before. Only the global
     * thread changes the store, and it reports each change here ({@link #changed}) after making it.
     */
    Definition lookup(String key, ReadOnlyKeyValueStore<String, Definition> store) {
        Definition definition = current.get(key);
        if (definition != null) {
            return definition;
        }
        long seen = changes.get();
        definition = store.get(key);
        if (definition != null && current.putIfAbsent(key, definition) == null && changes.get() != seen) {
            current.remove(key, definition); // the store changed meanwhile: what was read may be stale
        }
        return definition;
    }

    /** The global store now holds {@code definition} under {@code key} (null: deleted). */
    void changed(String key, Definition definition) {
        changes.incrementAndGet();
        if (definition == null) {
            current.remove(key);
        } else {
            current.put(key, definition);
        }
    }

    /**
     * The key of published version {@code version} (PublishStateMachineVersion), numbered apart
     * from revisions: a copy of the revision it snapshots with {@code publishedVersion} set.
     */
    public static String publishedKey(String name, int version) {
        return name + ":v" + version;
    }

    /** The global store has applied the definitions topic up to this offset. */
    void read(long offset) {
        read.accumulateAndGet(offset, Math::max);
    }

    /** The last offset of the definitions topic the global store applied; -1 before any. */
    long readUpTo() {
        return read.get();
    }

    /**
     * The definition compiled for {@code type}.
     *
     * @throws io.stepstream.asl.validate.InvalidDefinitionException when it does not validate
     */
    StateMachine machine(Definition definition, MachineType type) {
        String key = versionKey(definition.getName(), definition.getVersion()) + ":" + type;
        StateMachine machine = compiled.get(key);
        if (machine == null) {
            machine = StateMachines.load(definition.getDefinition(), type);
            compiled.putIfAbsent(key, machine);
        }
        return machine;
    }
}
