package io.stepstream.bench.load;

import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.schemas.avro.Command;
import io.stepstream.schemas.avro.StartExecution;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends StartExecution commands named {@code <tag>-<n>}, keyed by their execution ARN and dated
 * when sent (the engine's start time for them, so a completion's {@code startDate} is its send
 * time), as fast as the producer takes them or paced to a rate.
 */
final class Starter {
    private final KafkaProducer<byte[], byte[]> producer;
    private final EngineSerdes serdes = EngineSerdes.of(Map.of());
    private final String machine;
    private final String arnPrefix;

    Starter(KafkaProducer<byte[], byte[]> producer, String machine, String arnPrefix) {
        this.producer = producer;
        this.machine = machine;
        this.arnPrefix = arnPrefix;
    }

    /**
     * Sends {@code count} starts to {@code topic}.
     *
     * @param perSecond the pace; 0 for as fast as possible
     * @param input the input of execution n
     */
    void send(String topic, Phase phase, long count, double perSecond, LongFunction<String> input)
            throws InterruptedException {
        long start = System.nanoTime();
        phase.firstSendNanos = start;
        for (long n = 0; n < count; n++) {
            if (perSecond > 0) {
                while (n > (System.nanoTime() - start) * perSecond / 1e9) {
                    Thread.sleep(1);
                }
            }
            String name = phase.tag + "-" + n;
            String arn = arnPrefix + name;
            Command command = new Command(arn, null, Instant.ofEpochMilli(System.currentTimeMillis()),
                    new StartExecution(machine, null, name, input.apply(n), null, null, null, null));
            producer.send(new ProducerRecord<>(topic, arn.getBytes(StandardCharsets.UTF_8),
                    serdes.commands().serializer().serialize(topic, command)));
        }
        producer.flush();
        phase.lastSendNanos = System.nanoTime();
    }
}
