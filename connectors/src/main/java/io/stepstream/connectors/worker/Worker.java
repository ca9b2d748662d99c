package io.stepstream.connectors.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.Resource;
import io.stepstream.connectors.Connector;
import io.stepstream.connectors.ConnectorException;
import io.stepstream.connectors.TaskInvocation;
import io.stepstream.connectors.TaskOutcome;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.client.EngineClient;
import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.schemas.avro.IdempotencyKey;
import io.stepstream.runtime.engine.TaskCancellation;
import io.stepstream.schemas.avro.TaskRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import io.stepstream.runtime.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker library (AWS's Activity pattern on task topics): a consumer group reads the task
 * requests of its queues and runs a {@link Connector} on each, off the consumer thread, then
 * answers with the task token: SendTaskSuccess, SendTaskFailure, or nothing when the handler
 * answers later ({@link TaskOutcome.Pending}) or the Resource is {@code .waitForTaskToken} (the
 * call went out; the callback answers).
 *
 * <ul>
 *   <li>Duplicates (a redelivered request, same idempotency key) are dropped while this worker
 *       remembers the key (the last {@value #REMEMBERED_KEYS}); the engine rejects a second result
 *       for the same task anyway.</li>
 *   <li>Back-pressure: at most {@code concurrency} tasks run at once; beyond that the consumer
 *       pauses its partitions, so the backlog waits in Kafka, not in memory.</li>
 *   <li>Offsets are committed up to the oldest task still running: a crash redelivers only
 *       unfinished work.</li>
 *   <li>{@link #close()} stops taking work, waits for running tasks (up to the grace period),
 *       commits, and leaves the group.</li>
 * </ul>
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    static final int REMEMBERED_KEYS = 100_000;
    /** A record header asking the worker to reshape a success: {@code lambda:invoke} wraps it as Lambda's Invoke response. */
    public static final String RESULT_HEADER = "stepstream-result";

    private final EngineClient client;
    private final Connector connector;
    private final KafkaConsumer<String, byte[]> consumer;
    private final EngineSerdes serdes;
    private final ExecutorService executor;
    private final int concurrency;
    private final Duration grace;
    private final Map<String, UnaryOperator<JsonNode>> reshapers;
    private final Thread thread;
    private final Set<String> seen = java.util.Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_KEYS;
        }
    });
    /** Per partition, the offsets of tasks still running (poll thread only). */
    private final Map<TopicPartition, TreeSet<Long>> running = new HashMap<>();
    /** Per partition, the next offset to commit once nothing before it runs (poll thread only). */
    private final Map<TopicPartition, Long> consumed = new HashMap<>();
    /** Per partition, the offset last committed (poll thread only). */
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final Set<ConsumerRecord<String, byte[]>> finished = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private volatile boolean closing;
    private boolean paused;

    private Worker(Builder b) {
        this.client = b.client;
        this.connector = b.connector;
        this.concurrency = b.concurrency;
        this.grace = b.grace;
        this.reshapers = Map.copyOf(b.reshapers);
        this.serdes = EngineSerdes.of(b.config.serdeConfig());
        this.executor = Executors.newFixedThreadPool(b.concurrency, r -> {
            Thread t = new Thread(r, "worker-" + b.group);
            t.setDaemon(true);
            return t;
        });
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, b.config.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, b.group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, b.concurrency)),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<String> topics = b.queues.stream().map(b.config.names()::tasks).toList();
        createMissing(b.config, b.queues);
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                commit();
                partitions.forEach(p -> {
                    running.remove(p);
                    consumed.remove(p);
                });
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                if (paused) {
                    consumer.pause(partitions);
                }
            }
        });
        thread = new Thread(this::run, "worker-poll-" + b.group);
        thread.setDaemon(true);
        thread.start();
    }

    /** Creates the task topics of {@code queues} that do not exist yet, as CreateActivity would. */
    public static void createMissing(EngineConfig config, Collection<String> queues) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            new Topics(admin, config.names(), config.partitions(), config.replicationFactor()).createMissing(queues);
        }
    }

    /** A worker of {@code group} on the engine {@code config} describes, answering through {@code client}. */
    public static Builder builder(EngineConfig config, EngineClient client) {
        return new Builder(config, client);
    }

    /** Tasks whose outcome was sent or left pending. */
    public long completed() {
        return completed.get();
    }

    /** Requests dropped because their idempotency key was seen already. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Tasks running now. */
    public int inFlight() {
        return inFlight.get();
    }

    private void run() {
        try {
            while (!closing) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<String, byte[]> record : records) {
                    accept(record);
                }
                settle();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("Worker stopped: {}", e.toString(), e);
        } finally {
            drain();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        consumed.put(partition, record.offset() + 1);
        if (record.value() == null) {
            // The engine's cancellation of a task it no longer wants (TaskCancellation): its request came
            // earlier in this partition and has already started, so its late result will be rejected as stale.
            LOG.debug("Task {} was cancelled", TaskCancellation.cancelledToken(null, record.headers()));
            return;
        }
        TaskRequest request;
        try {
            request = serdes.tasks().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            LOG.warn("Skipping an unreadable task request at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (!seen.add(key(request))) {
            duplicates.incrementAndGet();
            LOG.debug("Dropping a duplicate of task {}", key(request));
            return;
        }
        running.computeIfAbsent(partition, p -> new TreeSet<>()).add(record.offset());
        inFlight.incrementAndGet();
        CompletableFuture.runAsync(() -> execute(request, record), executor)
                .whenComplete((ok, e) -> {
                    inFlight.decrementAndGet();
                    finished.add(record);
                });
    }

    static String key(TaskRequest request) {
        IdempotencyKey k = request.getIdempotencyKey();
        return k.getExecutionId() + "/" + k.getState() + "/" + k.getAttempt();
    }

    private void execute(TaskRequest request, ConsumerRecord<String, byte[]> record) {
        TaskInvocation task = invocation(request, record);
        TaskOutcome outcome;
        try {
            CompletionStage<TaskOutcome> stage = connector.invoke(task);
            outcome = stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            outcome = failure(e);
        }
        answer(task, outcome);
    }

    private static TaskOutcome failure(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.ExecutionException || e instanceof java.util.concurrent.CompletionException
                ? e.getCause() : e;
        if (cause instanceof ConnectorException c) {
            return c.outcome();
        }
        LOG.debug("Task handler failed", cause);
        return TaskOutcome.failed(cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()));
    }

    private void answer(TaskInvocation task, TaskOutcome outcome) {
        try {
            if (outcome instanceof TaskOutcome.Succeeded s) {
                if (task.resource().pattern() != Resource.Pattern.WAIT_FOR_TASK_TOKEN) {
                    String shape = task.headers().get(RESULT_HEADER);
                    UnaryOperator<JsonNode> reshape = shape == null ? UnaryOperator.identity()
                            : reshapers.getOrDefault(shape, UnaryOperator.identity());
                    client.sendTaskSuccess(task.taskToken(), Json.write(reshape.apply(s.output())));
                }
            } else if (outcome instanceof TaskOutcome.Failed f) {
                client.sendTaskFailure(task.taskToken(), f.error(), f.cause());
            }
            completed.incrementAndGet();
        } catch (RuntimeException e) {
            // The engine's timeout (if any) fails the task; a redelivery after a restart retries it.
            LOG.error("Could not answer task {}: {}", task.idempotencyKey(), e.toString());
        }
    }

    private TaskInvocation invocation(TaskRequest request, ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            if (h.value() != null) {
                headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        String token = request.getTaskToken();
        return new TaskInvocation(request.getExecutionId(), token, key(request), Resource.parse(request.getResource()),
                Json.parse(request.getInput()), request.getTimeoutSeconds(), request.getHeartbeatSeconds(),
                request.getTimestamp(), headers, () -> client.sendTaskHeartbeat(token));
    }

    /** On the poll thread: forget finished tasks, commit what is done, pause or resume for back-pressure. */
    private void settle() {
        boolean any = false;
        for (var it = finished.iterator(); it.hasNext(); ) {
            ConsumerRecord<String, byte[]> r = it.next();
            it.remove();
            TreeSet<Long> offsets = running.get(new TopicPartition(r.topic(), r.partition()));
            if (offsets != null) {
                offsets.remove(r.offset());
            }
            any = true;
        }
        if (any || !consumed.isEmpty()) {
            commit();
        }
        boolean full = inFlight.get() >= concurrency;
        if (full && !paused) {
            consumer.pause(consumer.assignment());
            paused = true;
        } else if (!full && paused) {
            consumer.resume(consumer.assignment());
            paused = false;
        }
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        consumed.forEach((partition, next) -> {
            TreeSet<Long> open = running.get(partition);
            long upTo = open == null || open.isEmpty() ? next : open.first();
            if (!Objects.equals(committed.get(partition), upTo)) {
                offsets.put(partition, new OffsetAndMetadata(upTo));
            }
        });
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            offsets.forEach((p, o) -> committed.put(p, o.offset()));
        } catch (RuntimeException e) {
            LOG.warn("Could not commit task offsets: {}", e.toString());
        }
    }

    /** Waits for running tasks (within the grace period), then commits what finished. */
    private void drain() {
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            settle();
        } catch (RuntimeException e) {
            LOG.warn("Could not commit on close: {}", e.toString());
        }
    }

    /** Stops taking work, lets running tasks finish (up to the grace period), commits, leaves the group. */
    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(grace.toMillis() + 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Collects a worker's settings; {@link #start()} starts it. */
    public static final class Builder {
        private final EngineConfig config;
        private final EngineClient client;
        private final Set<String> queues = new LinkedHashSet<>();
        private String group;
        private int concurrency = 16;
        private Duration grace = Duration.ofSeconds(30);
        private Connector connector;
        private final Map<String, UnaryOperator<JsonNode>> reshapers = new HashMap<>();

        private Builder(EngineConfig config, EngineClient client) {
            this.config = Objects.requireNonNull(config);
            this.client = Objects.requireNonNull(client);
            reshapers.put("lambda:invoke", io.stepstream.connectors.lambda.LambdaResults::invokeResponse);
        }

        /** Reads this task queue ({@code <prefix>.tasks.<queue>}). */
        public Builder queue(String queue) {
            queues.add(queue);
            return this;
        }

        /** Reads the queue the engine routes an activity ARN to (by default, the activity's name). */
        public Builder activity(String activityArn) {
            return queue(config.taskQueues().queue(activityArn));
        }

        /** The consumer group (default {@code <prefix>-worker-<first queue>}); workers of one group share the work. */
        public Builder group(String group) {
            this.group = group;
            return this;
        }

        /** At most this many tasks at once (default 16). */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1");
            }
            this.concurrency = concurrency;
            return this;
        }

        /** How long {@link Worker#close()} waits for running tasks (default 30 s). */
        public Builder gracePeriod(Duration grace) {
            this.grace = grace;
            return this;
        }

        /** What runs each task. */
        public Builder handler(Connector connector) {
            this.connector = connector;
            return this;
        }

        /** A handler that answers at once: return the result, or throw (see {@link Connector}). */
        public Builder function(TaskFunction function) {
            return handler(task -> TaskOutcome.succeeded(function.apply(task)).done());
        }

        public Worker start() {
            Objects.requireNonNull(connector, "handler");
            if (queues.isEmpty()) {
                throw new IllegalStateException("A worker needs at least one queue");
            }
            if (group == null) {
                group = config.names().prefix() + "-worker-" + queues.iterator().next();
            }
            return new Worker(this);
        }
    }

    /** A task handler that returns the result or throws. */
    @FunctionalInterface
    public interface TaskFunction {
        JsonNode apply(TaskInvocation task) throws Exception;
    }
}
