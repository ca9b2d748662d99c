package io.stepstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stepstream.runtime.client.EngineClient;
import io.stepstream.runtime.client.TaskWorker;
import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.runtime.engine.TaskCancellation;
import io.stepstream.runtime.engine.TaskQueues;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.runtime.kafka.Topics;
import io.stepstream.schemas.avro.IdempotencyKey;
import io.stepstream.schemas.avro.TaskRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test worker against a real broker: it skips a request the engine cancelled before the worker got to it. */
@ExtendWith(KafkaBrokerExtension.class)
class TaskWorkerTest {
    @Test
    void skipsARequestCancelledBeforeItStarted(Broker broker) throws Exception {
        EngineConfig config = TestEngines.config(broker, "worker-test").partitions(1).build();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            new Topics(admin, config.names(), 1, (short) 1).createMissing(Set.of(TaskQueues.DEFAULT));
        }
        String topic = config.names().tasks(TaskQueues.DEFAULT);
        EngineSerdes serdes = EngineSerdes.of(Map.of());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (String token : List.of("cancelled", "wanted")) {
                TaskRequest request = new TaskRequest("arn", token, new IdempotencyKey("arn", "T/" + token, 0),
                        "arn:aws:lambda:us-east-1:111111111111:function:f", "{}", null, null, Instant.now());
                producer.send(new ProducerRecord<>(topic, "arn", serdes.tasks().serializer().serialize(topic, request)));
            }
            ProducerRecord<String, byte[]> cancel = new ProducerRecord<>(topic, "arn", null);
            cancel.headers().add(TaskCancellation.HEADER, "cancelled".getBytes(StandardCharsets.UTF_8));
            producer.send(cancel).get();
        }

        List<String> handled = new CopyOnWriteArrayList<>();
        try (EngineClient client = new EngineClient(config);
             TaskWorker worker = new TaskWorker(config, client, "worker-test", List.of(TaskQueues.DEFAULT), request -> {
                 handled.add(request.getTaskToken());
                 return null; // answered later, never here
             })) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (handled.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(500);
        }

        assertEquals(List.of("wanted"), handled);
    }
}
