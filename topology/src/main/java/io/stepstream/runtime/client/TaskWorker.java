package io.stepstream.runtime.client;

import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.runtime.engine.TaskCancellation;
import io.stepstream.schemas.avro.SendTaskFailure;
import io.stepstream.schemas.avro.SendTaskSuccess;
import io.stepstream.schemas.avro.TaskRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal worker for task topics (the Activity pattern): a consumer group reads task requests
 * and a handler answers each, sent back as SendTaskSuccess or SendTaskFailure through an
 * {@link EngineClient}. A handler may answer later instead (return null and keep the token), as a
 * {@code .waitForTaskToken} callback does. A request the engine cancelled (a
 * {@link TaskCancellation} later in the same poll) is skipped. The worker library proper is the connectors module's;
 * this one serves {@code stepstream run --echo-tasks} and tests.
 */
public final class TaskWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskWorker.class);

    /**
     * What a handler decided about a task.
     *
     * @param at when the answer happened, the interpreter's now for it; null for the wall clock
     */
    public record Answer(String output, String error, String cause, Instant at) {
        public static Answer success(String outputJson) {
            return new Answer(outputJson, null, null, null);
        }

        public static Answer failure(String error, String cause) {
            return new Answer(null, error, cause, null);
        }

        /** The same answer, dated {@code time} (tests use it to run an execution in the past). */
        public Answer at(Instant time) {
            return new Answer(output, error, cause, time);
        }
    }

    /** Handles one task request; returns null to answer later through the client. */
    @FunctionalInterface
    public interface Handler {
        Answer handle(TaskRequest request);
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final EngineClient client;
    private final EngineSerdes serdes;
    private final Handler handler;
    private final Thread thread;
    private volatile boolean closed;

    /** Starts a worker of {@code group} on the given queues, answering through {@code client}. */
    public TaskWorker(EngineConfig config, EngineClient client, String group, Collection<String> queues,
                      Handler handler) {
        this.client = client;
        this.handler = handler;
        this.serdes = EngineSerdes.of(config.serdeConfig());
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<String> topics = queues.stream().map(config.names()::tasks).toList();
        consumer.subscribe(topics);
        thread = new Thread(this::run, "task-worker-" + group);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!closed) {
                var records = consumer.poll(Duration.ofMillis(100));
                Set<String> cancelled = new HashSet<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    String token = TaskCancellation.cancelledToken(record.value(), record.headers());
                    if (token != null) {
                        cancelled.add(token);
                    }
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (record.value() != null) {
                        handle(record, cancelled);
                    }
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record, Set<String> cancelled) {
        TaskRequest request;
        try {
            request = serdes.tasks().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            LOG.warn("Skipping an unreadable task request at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (cancelled.contains(request.getTaskToken())) {
            LOG.debug("Skipping task {}: the engine cancelled it before it started", request.getIdempotencyKey());
            return;
        }
        Answer answer;
        try {
            answer = handler.handle(request);
        } catch (RuntimeException e) {
            answer = Answer.failure(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
        if (answer == null) {
            return;
        }
        Instant at = answer.at() != null ? answer.at() : Instant.now();
        if (answer.error() == null && answer.output() != null) {
            client.send(request.getExecutionId(), new SendTaskSuccess(request.getTaskToken(), answer.output()), at);
        } else {
            client.send(request.getExecutionId(), new SendTaskFailure(request.getTaskToken(), answer.error(),
                    answer.cause()), at);
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
