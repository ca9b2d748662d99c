package io.stepstream.runtime.replay;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads offset ranges of topics with a plain consumer (assign and seek, committed records only,
 * nothing committed back), for the replay's consumer group.
 */
final class TopicReader implements AutoCloseable {
    private static final Duration STALL = Duration.ofSeconds(60);
    private final KafkaConsumer<byte[], byte[]> consumer;

    TopicReader(String bootstrapServers, String groupId) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The topic's partitions; a missing topic is an error that says so. */
    List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> found = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (found == null || found.isEmpty()) {
            throw new IllegalArgumentException("Topic " + topic + " does not exist: is the --prefix right?");
        }
        return found.stream().map(p -> new TopicPartition(topic, p.partition())).sorted(
                java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    /** The end of each partition now (the last stable offset). */
    Map<TopicPartition, Long> ends(List<TopicPartition> partitions) {
        return consumer.endOffsets(partitions);
    }

    Map<TopicPartition, Long> beginnings(List<TopicPartition> partitions) {
        return consumer.beginningOffsets(partitions);
    }

    /** The first offset at or after {@code time} in each partition; the end where there is none. */
    Map<TopicPartition, Long> offsetsAt(List<TopicPartition> partitions, long time) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, time));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> ends = ends(partitions);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp at = found.get(p);
            offsets.put(p, at == null ? ends.get(p) : at.offset());
        }
        return offsets;
    }

    /** Hands every committed record in {@code [from, until)} of each partition to {@code sink}, in offset order. */
    void read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> until,
              Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        Map<TopicPartition, Long> open = new HashMap<>();
        from.forEach((p, start) -> {
            if (start < until.get(p)) {
                open.put(p, start);
            }
        });
        if (open.isEmpty()) {
            return;
        }
        consumer.assign(open.keySet());
        open.forEach(consumer::seek);
        long lastProgress = System.nanoTime();
        while (!open.isEmpty()) {
            boolean progressed = false;
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition p = new TopicPartition(record.topic(), record.partition());
                if (open.containsKey(p) && record.offset() < until.get(p)) {
                    sink.accept(record);
                    progressed = true;
                }
            }
            // Transaction markers and aborted records move the position without a record.
            for (TopicPartition p : List.copyOf(open.keySet())) {
                if (consumer.position(p) >= until.get(p)) {
                    open.remove(p);
                    consumer.pause(List.of(p));
                    progressed = true;
                }
            }
            if (progressed) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                throw new IllegalStateException("Reading " + open.keySet() + " made no progress for " + STALL);
            }
        }
        consumer.unsubscribe();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
