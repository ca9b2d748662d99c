package io.stepstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.asl.model.MachineType;
import io.stepstream.runtime.client.EngineClient;
import io.stepstream.runtime.client.TaskWorker;
import io.stepstream.runtime.engine.ExecutionTopology;
import io.stepstream.runtime.engine.TaskQueues;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.schemas.avro.ExecutionStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An Express execution whose task answers within a commit interval is written and deleted in the
 * record cache: the executions changelog gets no tombstone for a key it never held, and the timers
 * changelog nothing at all, its five-minute limit being held until its state is written (TimerStore).
 * One still running at a commit has its state written in it, and its limit listed in a batch record
 * written with it (after the executions store's cache is flushed: FlushHook).
 */
@ExtendWith(KafkaBrokerExtension.class)
class ChangelogTombstoneTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aKeyWrittenAndDeletedWithinACommitIntervalLeavesNoTombstone(Broker broker) throws Exception {
        EngineConfig config = TestEngines.config(broker, "tombstones").guarantee(EngineConfig.Guarantee.AT_LEAST_ONCE)
                .streams(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 10_000).build();
        CountDownLatch waiting = new CountDownLatch(1);
        String waitingArn;
        try (KafkaEngine engine = KafkaEngine.start(config);
             EngineClient client = new EngineClient(config);
             TaskWorker worker = new TaskWorker(config, client, "tombstones-worker", List.of(TaskQueues.DEFAULT, "lambda"),
                     request -> {
                         if (request.getExecutionId().endsWith(":waiting")) {
                             waiting.countDown();
                             return null; // never answered
                         }
                         return TaskWorker.Answer.success(request.getInput());
                     })) {
            engine.deploy("echo", """
                    {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:f",
                     "End":true}}}""", MachineType.EXPRESS);
            List<String> executions = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                executions.add(client.startExecution("echo", "e" + i, "{}"));
            }
            for (String arn : executions) {
                assertEquals(ExecutionStatus.SUCCEEDED, client.awaitOutcome(arn, WAIT).status());
            }
            waitingArn = client.startExecution("echo", "waiting", "{}");
            assertTrue(waiting.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the waiting execution's task was requested");
        } // closing the engine commits, which flushes the cache

        String changelog = config.applicationId() + "-" + ExecutionTopology.EXECUTIONS_STORE + "-changelog";
        Set<String> written = new HashSet<>();
        List<String> unwritten = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readToEnd(broker, changelog)) {
            String key = new String(record.key(), StandardCharsets.ISO_8859_1);
            if (record.value() != null) {
                written.add(key);
            } else if (!written.contains(key)) {
                unwritten.add(key);
            }
        }
        assertTrue(unwritten.isEmpty(), changelog + " has tombstones for keys it never held: " + unwritten);
        assertTrue(written.contains(waitingArn), "the running execution's state is in " + changelog);

        String timersChangelog = config.applicationId() + "-" + ExecutionTopology.TIMERS_STORE + "-changelog";
        List<String> timers = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readToEnd(broker, timersChangelog)) {
            char prefix = (char) record.key()[0];
            if (prefix == 'T') { // a due key: T, due time, execution id, NUL, timer id
                timers.add(timerKey(record.key()) + (record.value() == null ? " deleted" : " written"));
            } else if (prefix == 'B') { // a batch record: the keys of its timers
                batched(record.value()).forEach(key -> timers.add(key + " batched"));
            }
        }
        assertTrue(timers.size() == 1 && timers.get(0).matches(Pattern.quote(waitingArn) + " execution-timeout-\\d+ batched"),
                "only the running execution's five-minute limit reached " + timersChangelog + ", in a batch: " + timers);
    }

    /**
     * With a record cache too small to keep anything, every state is written as it is put, and the
     * cache evicts the entries of the thread's other tasks too: each execution's Wait timer (and
     * five-minute limit) is written with its state from the flush listener (on another task's turn,
     * for some), then fires from the store.
     */
    @Test
    void timersWrittenWhenTheCacheEvictsTheirStatesFire(Broker broker) throws Exception {
        EngineConfig config = TestEngines.config(broker, "evicting").guarantee(EngineConfig.Guarantee.AT_LEAST_ONCE)
                .streams(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 1).build();
        try (KafkaEngine engine = KafkaEngine.start(config);
             EngineClient client = new EngineClient(config)) {
            engine.deploy("wait", """
                    {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"Next":"P"},
                     "P":{"Type":"Pass","End":true}}}""", MachineType.EXPRESS);
            List<String> executions = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                executions.add(client.startExecution("wait", "w" + i, "{}"));
            }
            for (String arn : executions) {
                assertEquals(ExecutionStatus.SUCCEEDED, client.awaitOutcome(arn, WAIT).status());
            }
        }
        String timersChangelog = config.applicationId() + "-" + ExecutionTopology.TIMERS_STORE + "-changelog";
        List<String> written = readToEnd(broker, timersChangelog).stream()
                .filter(record -> record.key()[0] == 'T' && record.value() != null)
                .map(record -> timerKey(record.key())).toList();
        assertEquals(20, written.size(), "every Wait timer was written, with its state: " + written);
        assertTrue(written.stream().noneMatch(key -> key.contains("execution-timeout")),
                "the five-minute limits are batched: " + written);
    }

    /** A due key's execution id and timer id: T, due time (8 bytes), execution id, NUL, timer id. */
    private static String timerKey(byte[] key) {
        String text = new String(key, StandardCharsets.ISO_8859_1);
        return text.substring(9).replace('\0', ' ');
    }

    /** The timers a batch record lists. */
    private static List<String> batched(byte[] value) {
        List<String> keys = new ArrayList<>();
        ByteBuffer entries = ByteBuffer.wrap(value);
        while (entries.hasRemaining()) {
            byte[] key = new byte[entries.getInt()];
            entries.get(key);
            keys.add(timerKey(key));
        }
        return keys;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readToEnd(Broker broker, String topic) {
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, WAIT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }
}
