package io.stepstream.bench.load;

import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.ExecutionStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads an output topic from its start on a background thread and credits each record to the
 * {@link Phase} its execution name names ({@code <tag>-<n>}). On the completions topic it decodes
 * the {@link Completion}: latency is arrival minus {@code startDate} (the start command's date,
 * set when it was sent), lateness is arrival minus {@code stopDate} (for an execution that ends on
 * a timer, the timer's due time). On the pass-through's topic it only counts, latency from the
 * record timestamp (the copied command's).
 */
final class Tail implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final EngineSerdes serdes = EngineSerdes.of(Map.of());
    private final boolean completions;
    private final Map<String, Phase> phases = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    Tail(String bootstrap, String topic, boolean completions) {
        this.consumer = Clients.tail(bootstrap, topic);
        this.completions = completions;
        this.thread = new Thread(this::run, "tail-" + topic);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void watch(Phase phase) {
        phases.put(phase.tag, phase);
    }

    private void run() {
        try {
            while (!closed) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (completions) {
                        completion(record, now);
                    } else {
                        copy(record, now);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void completion(ConsumerRecord<byte[], byte[]> record, long now) {
        Completion c = serdes.completions().deserializer().deserialize(record.topic(), record.value());
        Phase phase = phaseOf(c.getExecutionName());
        if (phase != null) {
            phase.ended(now, c.getStartDate().toEpochMilli(), c.getStopDate().toEpochMilli(),
                    c.getStatus() == ExecutionStatus.SUCCEEDED);
        }
    }

    private void copy(ConsumerRecord<byte[], byte[]> record, long now) {
        String key = new String(record.key(), StandardCharsets.UTF_8);
        Phase phase = phaseOf(key.substring(key.lastIndexOf(':') + 1));
        if (phase != null) {
            phase.ended(now, record.timestamp(), record.timestamp(), true);
        }
    }

    private Phase phaseOf(String executionName) {
        int dash = executionName.indexOf('-');
        return dash < 0 ? null : phases.get(executionName.substring(0, dash));
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        thread.join(5000);
    }
}
