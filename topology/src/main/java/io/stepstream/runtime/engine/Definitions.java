package io.stepstream.runtime.engine;

import io.stepstream.asl.StateMachines;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.StateMachine;
import io.stepstream.schemas.avro.Definition;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys of the definitions topic, and the compiled state machines of the engine: a definition
 * version never changes once published, so it is compiled once per type and shared by every
 * stream thread. The records themselves live in the global store the topology builds from the
 * definitions topic: under {@code name} the latest version, under {@code name:version} each version.
 */
public final class Definitions {
    private final Map<String, StateMachine> compiled = new ConcurrentHashMap<>();

    /** The key of the latest version of a state machine. */
    public static String latestKey(String name) {
        return name;
    }

    /** The key of one version; also what an execution's envelope records. */
    public static String versionKey(String name, int version) {
        return name + ":" + version;
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
