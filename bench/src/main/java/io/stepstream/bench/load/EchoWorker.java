package io.stepstream.bench.load;

import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.schemas.avro.Command;
import io.stepstream.schemas.avro.SendTaskSuccess;
import io.stepstream.schemas.avro.TaskRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A batch worker for the task scenarios: reads task requests a poll at a time and answers each
 * with SendTaskSuccess echoing its input, through one batching producer, committing offsets
 * asynchronously. What a real worker fleet would do, minus the work.
 */
final class EchoWorker implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final String commands;
    private final EngineSerdes serdes = EngineSerdes.of(Map.of());
    private final Thread thread;
    private volatile boolean closed;

    EchoWorker(String bootstrap, String tasks, String commands, KafkaProducer<byte[], byte[]> producer) {
        this.consumer = Clients.member(bootstrap, "bench-echo-worker", tasks);
        this.producer = producer;
        this.commands = commands;
        this.thread = new Thread(this::run, "echo-worker");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try {
            while (!closed) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    TaskRequest task = serdes.tasks().deserializer().deserialize(record.topic(), record.value());
                    Command answer = new Command(task.getExecutionId(), null, Instant.now(),
                            new SendTaskSuccess(task.getTaskToken(), task.getInput()));
                    producer.send(new ProducerRecord<>(commands, record.key(),
                            serdes.commands().serializer().serialize(commands, answer)));
                }
                if (!records.isEmpty()) {
                    consumer.commitAsync();
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        thread.join(5000);
    }
}
