package io.stepstream.connectors.ingress;

import io.stepstream.asl.json.Json;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.client.EngineClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topic rule at work: its own consumer group and thread; for each record, the execution named
 * after the record, with the rule's transform of it as input. At least once: the offsets of a
 * batch are committed only after every start of the batch is on the commands topic, so a crash
 * redelivers records, whose starts name the same executions with the same inputs and are no-ops.
 */
final class TopicRuleConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicRuleConsumer.class);

    private final IngressSettings.TopicRule rule;
    private final RecordInput transform;
    private final EngineClient client;
    private final DeadLetters deadLetters;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    TopicRuleConsumer(IngressSettings.TopicRule rule, EngineConfig config, EngineClient client,
                      DeadLetters deadLetters) {
        this.rule = rule;
        this.transform = RecordInput.compile(rule.input());
        this.client = client;
        this.deadLetters = deadLetters;
        String group = rule.groupId().isEmpty() ? config.names().prefix() + ".ingress." + rule.name() : rule.groupId();
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, rule.startFrom(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "ingress-" + rule.name());
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(rule.topic()));
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    start(record);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll up
        } catch (RuntimeException e) {
            LOG.error("Ingress rule '{}' stopped: records of {} are no longer turned into executions", rule.name(),
                    rule.topic(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void start(ConsumerRecord<byte[], byte[]> record) {
        String input;
        try {
            input = Json.write(transform.input(record));
        } catch (RuntimeException e) {
            deadLetters.send(record, "Ingress rule '" + rule.name() + "' could not make an input: " + e.getMessage(), e);
            return;
        }
        String name = rule.naming() == IngressSettings.Naming.KEY
                ? ExecutionNames.ofKey(record) : ExecutionNames.ofPosition(record);
        client.startExecution(rule.machine(), name, input); // returns once the broker has the command
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}
