package io.stepstream.runtime.engine;

import io.stepstream.asl.engine.Interpreter;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.kafka.TopicNames;
import io.stepstream.schemas.avro.TaskRequest;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.Stores;

/**
 * The engine's Kafka Streams topology: the commands topic into one {@link ExecutionProcessor}
 * with its execution and timer stores, the definitions topic into a global store, and sinks to
 * the transitions, task, completions and dead-letter topics. Commands are read as bytes so that a
 * record that cannot be decoded is dead-lettered by the processor, inside the same transaction.
 */
public final class ExecutionTopology {
    public static final String EXECUTIONS_STORE = "executions";
    public static final String TIMERS_STORE = "timers";
    public static final String DEFINITIONS_STORE = "definitions";
    /** {@code parentArn\0taskId} to the child a {@code .sync} Task waits on (see {@link NestedExecutions}). */
    public static final String CHILDREN_STORE = "children";
    static final String TRANSITIONS_SINK = "transitions-sink";
    static final String TASKS_SINK = "tasks-sink";
    static final String TASK_CANCELS_SINK = "task-cancels-sink";
    static final String COMPLETIONS_SINK = "completions-sink";
    static final String DLQ_SINK = "dlq-sink";
    /** Commands the engine sends itself: nested executions' starts, ends, stops and immediate results. */
    static final String COMMANDS_SINK = "commands-sink";
    private static final String PROCESSOR = "executions-processor";
    /**
     * The largest record the engine writes: an execution's state (up to 10 MiB of variables, as
     * AWS allows, plus its frames) can pass Kafka's default 1 MB, so the executions changelog
     * is created with this {@code max.message.bytes} and the producer allows it.
     */
    public static final int MAX_RECORD_BYTES = 32 * 1024 * 1024;

    /** What the processors share: configuration, serdes, the compiled machines, the interpreter, counters. */
    record Wiring(EngineConfig config, EngineSerdes serdes, Definitions definitions, Interpreter interpreter,
                  EngineMetrics metrics) {
        boolean exactlyOnce() {
            return config.guarantee() == EngineConfig.Guarantee.EXACTLY_ONCE;
        }
    }

    private ExecutionTopology() {}

    /** @param streamsProperties the application's properties, which also configure the topology */
    public static Topology build(EngineConfig config, EngineMetrics metrics, Properties streamsProperties) {
        EngineSerdes serdes = EngineSerdes.of(config.serdeConfig());
        Definitions definitions = new Definitions();
        Wiring wiring = new Wiring(config, serdes, definitions,
                new Interpreter(config.expressHistoryLevel(), config.taskTokenSecret()), metrics);
        TopicNames names = config.names();
        Topology topology = new Topology(new TopologyConfig(new StreamsConfig(streamsProperties)));
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEFINITIONS_STORE), Serdes.String(),
                        serdes.definitions()).withLoggingDisabled(),
                "definitions-source", new StringDeserializer(), serdes.definitions().deserializer(),
                names.definitions(), "definitions-updater", () -> new DefinitionsUpdater(DEFINITIONS_STORE, definitions));
        topology.addSource("commands-source", new ByteArrayDeserializer(), new ByteArrayDeserializer(), names.commands());
        topology.addProcessor(PROCESSOR, () -> new ExecutionProcessor(wiring), "commands-source");
        // the processor sets a flush listener (CachingLayers) on the executions and children stores' caches,
        // and writes the timer batches (TimerStore) after each flush of the executions store's (FlushHook)
        topology.addStateStore(FlushHook.around(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(EXECUTIONS_STORE), Serdes.String(), serdes.envelopes()).withCachingEnabled()
                .withLoggingEnabled(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_RECORD_BYTES)))),
                PROCESSOR);
        // No flush listener here: its check reads RocksDB for every delete the cache flushes, and a cancelled
        // timer's key (an Express execution's five-minute limit) is rarely in RocksDB's block cache. A tombstone
        // costs less: bench (b) 12k -> 14k executions/s; 200,000 Waits due together, p99 3.3 -> 2.0 s late.
        // TimerStore holds a timer until its execution's state is written, so most never reach this store.
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TIMERS_STORE), Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled(),
                PROCESSOR);
        topology.addSink(TRANSITIONS_SINK, names.transitions(), new StringSerializer(),
                serdes.transitions().serializer(), PROCESSOR);
        TaskQueues queues = config.taskQueues();
        TopicNameExtractor<String, TaskRequest> queue = (key, task, context) ->
                names.tasks(queues.queue(task.getResource()));
        topology.addSink(TASKS_SINK, queue, new StringSerializer(), serdes.tasks().serializer(), PROCESSOR);
        TopicNameExtractor<String, TaskCancellation> cancelQueue = (key, cancel, context) ->
                names.tasks(queues.queue(cancel.resource()));
        topology.addSink(TASK_CANCELS_SINK, cancelQueue, new StringSerializer(),
                (Serializer<TaskCancellation>) (topic, cancel) -> null, PROCESSOR); // the header says it all
        topology.addSink(COMPLETIONS_SINK, names.completions(), new StringSerializer(),
                serdes.completions().serializer(), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CHILDREN_STORE), Serdes.String(), Serdes.String()).withCachingEnabled(),
                PROCESSOR);
        topology.addSink(COMMANDS_SINK, names.commands(), new StringSerializer(), serdes.commands().serializer(),
                PROCESSOR);
        topology.addSink(DLQ_SINK, names.dlq(), new ByteArraySerializer(), serdes.deadLetters().serializer(), PROCESSOR);
        HistoryTopology.add(topology, names.transitions(), serdes);
        return topology;
    }
}
