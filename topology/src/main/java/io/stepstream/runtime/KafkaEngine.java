package io.stepstream.runtime;

import io.stepstream.asl.model.MachineType;
import io.stepstream.runtime.client.EngineClient;
import io.stepstream.runtime.engine.Definitions;
import io.stepstream.runtime.engine.EngineMetrics;
import io.stepstream.runtime.engine.ExecutionTopology;
import io.stepstream.runtime.engine.RocksDBSettings;
import io.stepstream.runtime.kafka.Topics;
import io.stepstream.schemas.avro.Definition;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Stepstream engine: creates the topics it needs, runs the execution topology as a
 * Kafka Streams application, and hands out a client for its topics. Several instances with the
 * same configuration share the work, one partition of executions each.
 */
public final class KafkaEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEngine.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** How often the engine commits at least once (see {@link #streamsProperties}). */
    static final int AT_LEAST_ONCE_COMMIT_MS = 300;
    /** The most the record cache of the state stores takes (see {@link #streamsProperties}). */
    private static final long CACHE_BYTES = 128L * 1024 * 1024;
    /** The producer's batch size and how long a batch waits to fill, at least once (see {@link #streamsProperties}). */
    private static final int PRODUCER_BATCH_BYTES = 64 * 1024;
    private static final int PRODUCER_LINGER_MS = 30;

    private final EngineConfig config;
    private final KafkaStreams streams;
    private final EngineMetrics metrics;
    private EngineClient client;

    private KafkaEngine(EngineConfig config, KafkaStreams streams, EngineMetrics metrics) {
        this.config = config;
        this.streams = streams;
        this.metrics = metrics;
    }

    /** Creates missing topics, starts the topology and waits until it runs. */
    public static KafkaEngine start(EngineConfig config) {
        long started = System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            new Topics(admin, config.names(), config.partitions(), config.replicationFactor())
                    .createMissing(config.taskQueues().fixedQueues());
        }
        if (config.taskTokenSecret() == 0) {
            LOG.warn("No task token secret is configured: task tokens can be guessed from execution ids");
        }
        EngineMetrics metrics = new EngineMetrics();
        Properties properties = streamsProperties(config);
        KafkaStreams streams = new KafkaStreams(ExecutionTopology.build(config, metrics, properties), properties);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        try {
            if (!running.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                streams.close(Duration.ofSeconds(10));
                throw new IllegalStateException("The engine did not reach RUNNING within " + START_TIMEOUT
                        + " (state " + streams.state() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            streams.close(Duration.ofSeconds(10));
            throw new IllegalStateException("Interrupted while starting the engine", e);
        }
        LOG.info("Engine {} running on {} ({}, topics {}.*) in {} ms", config.applicationId(),
                config.bootstrapServers(), config.guarantee(), config.names().prefix(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return new KafkaEngine(config, streams, metrics);
    }

    static Properties streamsProperties(EngineConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.guarantee() == EngineConfig.Guarantee.EXACTLY_ONCE
                ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
        // Exactly once, outputs reach read_committed readers at each commit: Streams' 100 ms. At least once,
        // Streams commits every 30 s by default; bench/load.sh (b) measured a task round trip's p50 at 2.4 s
        // with that, 0.21 s at 100 ms. 300 ms lets more Express executions end within the commit that
        // started them, so neither their state nor their held timers are written: (b) 5.5 -> 4.5 records
        // per execution, 5-12 % faster in three pairs, p50 at half rate 98-136 ms against 98-104 (bench/README.md).
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                config.guarantee() == EngineConfig.Guarantee.EXACTLY_ONCE ? 100 : AT_LEAST_ONCE_COMMIT_MS);
        // Streams blocks in poll for up to poll.ms (100 ms by default) when no command waits, and
        // punctuates only after it: firing a backlog of due timers then got a third of the thread.
        props.put(StreamsConfig.POLL_MS_CONFIG, 10L);
        // Streams' record cache (10 MiB by default) keeps a state written and deleted within a commit
        // interval out of RocksDB and the changelog (CachingLayers). bench/load.sh (b), a backlog of
        // starts ahead of their task results, evicted nearly every state before its result came: 11.2k
        // executions/s with 10 MiB, 15.0k with 128 MiB. An eighth of the heap, at most 128 MiB.
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
                Math.min(CACHE_BYTES, Runtime.getRuntime().maxMemory() / 8));
        // Every task reads one partition of one topic, so there is no order across partitions to wait
        // for. With the default (0), Streams checks each idle task's lag before processing and formats
        // its trace message with String.format even when tracing is off: 4 % of the stream thread in (c).
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replicationFactor());
        if (config.stateDir() != null) {
            props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        }
        // Commands are read as bytes and dead-lettered by the processor; this covers the definitions
        // topic, whose unreadable records are skipped (logged) rather than stopping the global thread.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), ExecutionTopology.MAX_RECORD_BYTES);
        // The state changelogs and completions are JSON text: lz4 cut the producer I/O thread's CPU
        // by 4x and raised Express executions/s by ~50 % in bench/load.sh. Consumers decompress transparently.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // At least once, 64 KiB batches that wait up to 30 ms, not Streams' 16 KiB and 100 ms: fewer, fuller
        // produce requests for the broker on the same cores and fewer batches (each with lz4's two 64 KiB
        // buffers) on the stream thread, and below full rate a batch waits 30 ms rather than 100.
        // bench/load.sh, alternating: (b) 42.5k / 44.2k executions/s against 31.7k / 33.7k, p50 at half
        // rate 61-64 ms against 81-84; (a) 156k against 124k (its p50 21 -> 32 ms). Exactly once keeps
        // Streams' settings: over seven runs (c) made 16.5-22.1k against 15.9-22.4k over six, and its p99 at
        // half rate ranged from 0.29 to 1.74 s against 0.32-0.49 s. producer.linger.ms=5 is the documented
        // latency setting (topology/README.md).
        if (config.guarantee() == EngineConfig.Guarantee.AT_LEAST_ONCE) {
            props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
            props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), PRODUCER_LINGER_MS);
        }
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDBSettings.class);
        props.putAll(config.streamsOverrides());
        return props;
    }

    public EngineConfig config() {
        return config;
    }

    public EngineMetrics metrics() {
        return metrics;
    }

    /** A client of this engine's topics, made on first use and closed with the engine. */
    public synchronized EngineClient client() {
        if (client == null) {
            client = new EngineClient(config);
        }
        return client;
    }

    /**
     * Publishes a definition through {@link EngineClient#deploy} and waits until this engine has
     * read it, so a start sent next cannot find it missing.
     */
    public int deploy(String name, String definitionText, MachineType type) {
        int version = client().deploy(name, definitionText, type);
        awaitDefinition(name, version);
        return version;
    }

    /** Waits until this engine's global store holds that version of a definition as its latest or later. */
    public void awaitDefinition(String name, int version) {
        String key = Definitions.versionKey(name, version);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ReadOnlyKeyValueStore<String, Definition> store = streams.store(StoreQueryParameters.fromNameAndType(
                        ExecutionTopology.DEFINITIONS_STORE, QueryableStoreTypes.keyValueStore()));
                Definition latest = store.get(Definitions.latestKey(name));
                if (store.get(key) != null && latest != null && latest.getVersion() >= version) {
                    return;
                }
            } catch (RuntimeException notYetQueryable) {
                // the store is being restored; try again
            }
            sleep(10);
        }
        throw new IllegalStateException("The engine did not read definition " + key + " within " + START_TIMEOUT);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The running Kafka Streams application, for interactive queries of its stores (the API). */
    public KafkaStreams streams() {
        return streams;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        // Leaving the group hands this instance's partitions to the others at once; otherwise they wait
        // for its session to time out (45 s by default) before they take its executions over.
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}
