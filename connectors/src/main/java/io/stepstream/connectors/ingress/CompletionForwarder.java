package io.stepstream.connectors.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.schemas.avro.Completion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completion routes: copies the completions of chosen machines from the engine's completions topic
 * to the user's topics, exactly once (a Kafka transaction holds the copies and the consumer's
 * offsets, so a crash neither loses nor doubles a copy). Records keep the execution ARN as key;
 * the value is the engine's Avro {@code Completion} bytes as they are, or, with {@code json}, the
 * {@code detail} of EventBridge's "Step Functions Execution Status Change" event (camelCase,
 * epoch-millis dates, output as JSON text; no input, which completions do not carry).
 */
final class CompletionForwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompletionForwarder.class);

    private final EngineConfig config;
    private final IngressSettings.Completions settings;
    private final EngineSerdes serdes;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Thread thread;
    private volatile boolean running = true;

    CompletionForwarder(EngineConfig config, IngressSettings.Completions settings) throws Exception {
        this.config = config;
        this.settings = settings;
        this.serdes = EngineSerdes.of(config.serdeConfig());
        createMissingTopics();
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, config.names().prefix() + ".ingress.completions",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.startFrom(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        // Fencing comes from the consumer group's generation (sendOffsetsToTransaction with its
        // metadata), so each instance may use its own transactional id.
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                config.names().prefix() + ".ingress.completions." + UUID.randomUUID()),
                new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        this.thread = new Thread(this::run, "ingress-completions");
        thread.setDaemon(true);
        thread.start();
    }

    private void createMissingTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get();
            Set<String> wanted = new HashSet<>();
            settings.routes().values().forEach(route -> wanted.add(route.topic()));
            wanted.removeAll(existing);
            if (!wanted.isEmpty()) {
                admin.createTopics(wanted.stream().map(t -> new NewTopic(t, config.partitions(),
                        config.replicationFactor())).toList()).all().get();
            }
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(config.names().completions()));
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    forward(records);
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll up
        } catch (RuntimeException e) {
            LOG.error("Completion routes stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void forward(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        producer.beginTransaction();
        try {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                offsets.put(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
                if (record.value() == null) {
                    continue;
                }
                Completion completion = serdes.completions().deserializer().deserialize(record.topic(), record.value());
                IngressSettings.CompletionRoute route = settings.routes().get(completion.getStateMachineName());
                if (route != null) {
                    byte[] value = route.json() ? json(completion) : record.value();
                    producer.send(new ProducerRecord<>(route.topic(), null, record.timestamp(), record.key(), value));
                }
            }
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
        } catch (KafkaException e) {
            producer.abortTransaction();
            rewind();
            LOG.warn("Completion routes: a batch was aborted and will be read again: {}", e.toString());
        }
    }

    /** After an abort, reads again from the last committed offsets. */
    private void rewind() {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(consumer.assignment());
        for (TopicPartition partition : consumer.assignment()) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset);
            }
        }
    }

    private byte[] json(Completion c) {
        ObjectNode detail = Json.NODES.objectNode().put("executionArn", c.getExecutionId())
                .put("stateMachineArn", "arn:aws:states:" + config.region() + ":" + config.account()
                        + ":stateMachine:" + c.getStateMachineName())
                .put("name", c.getExecutionName()).put("status", c.getStatus().name())
                .put("startDate", c.getStartDate().toEpochMilli()).put("stopDate", c.getStopDate().toEpochMilli());
        detail.put("output", c.getOutput());
        detail.put("error", c.getError());
        detail.put("cause", c.getCause());
        return Json.write(detail).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}
