package io.stepstream.runtime.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of some topics on a background thread, without a consumer group, and
 * hands each record to a callback: from the end as it was when the tail was created (so nothing
 * produced after the constructor returns is missed), or from the beginning. Reads only committed
 * records, as every reader of a transactional engine must.
 */
public final class TopicTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean closed;

    /**
     * @param fromBeginning read what the topics hold already; else only what comes after now
     * @param sink called on the tail's thread, in offset order per partition; must not throw
     */
    public TopicTail(String bootstrapServers, Collection<String> topics, boolean fromBeginning,
                     Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> found = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (found == null || found.isEmpty()) {
                consumer.close();
                throw new IllegalStateException("Topic " + topic + " does not exist; the engine creates it when it starts");
            }
            for (PartitionInfo p : found) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
        }
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position); // resolve now, not lazily on the first poll
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        thread = new Thread(() -> run(sink, end), "topic-tail-" + String.join(",", topics));
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until everything the topics held when the tail was created has been handed over. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run(Consumer<ConsumerRecord<byte[], byte[]>> sink, Map<TopicPartition, Long> end) {
        try {
            while (!closed) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    try {
                        sink.accept(record);
                    } catch (RuntimeException e) {
                        LOG.warn("A record of {} could not be handled: {}", record.topic(), e.toString());
                    }
                });
                if (caughtUp.getCount() > 0 && end.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(1));
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
