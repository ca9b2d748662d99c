package io.stepstream.runtime.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stepstream.schemas.AvroDeserializer;
import io.stepstream.schemas.AvroSerde;
import io.stepstream.schemas.MockSchemaRegistry;
import io.stepstream.schemas.Samples;
import io.stepstream.schemas.SerdeConfig;
import io.stepstream.schemas.UnreadableRecordException;
import io.stepstream.schemas.avro.Command;
import io.stepstream.schemas.avro.TaskRequest;
import io.stepstream.schemas.avro.TimerFired;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class AvroOverKafkaTest {

    @Test
    void sendsAndReceivesCommandsInSingleObjectEncoding(Broker broker) {
        roundTrip(broker, new TopicNames("avro-plain"), Map.of());
    }

    @Test
    void sendsAndReceivesCommandsThroughASchemaRegistry(Broker broker) {
        try (MockSchemaRegistry registry = MockSchemaRegistry.start()) {
            roundTrip(broker, new TopicNames("avro-registry"), Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()));
            assertEquals(1, registry.registrations());
            assertEquals(1, registry.fetches());
        }
    }

    @Test
    void configuresSerdesByClassNameLikeAnyKafkaClient(Broker broker) {
        TopicNames names = new TopicNames("avro-by-name");
        createTopics(broker, names);
        Map<String, Object> producer = new HashMap<>(Clients.producerConfig(broker));
        producer.put("key.serializer", StringSerializer.class.getName());
        producer.put("value.serializer", io.stepstream.schemas.AvroSerializer.class.getName());
        try (KafkaProducer<String, TaskRequest> tasks = new KafkaProducer<>(producer)) {
            tasks.send(new ProducerRecord<>(names.tasks("q"), "exec-1", Samples.taskRequest()));
        }
        AvroDeserializer<TaskRequest> values = new AvroDeserializer<>();
        values.configure(Map.of(SerdeConfig.VALUE_TYPE, TaskRequest.class.getName()), false);

        List<ConsumerRecord<String, TaskRequest>> read =
                Clients.readAll(broker, names.tasks("q"), 1, new StringDeserializer(), values);

        assertEquals(Samples.taskRequest(), read.get(0).value());
    }

    @Test
    void surfacesUnreadableBytesAsAnUnreadableRecordAtTheirOffset(Broker broker) throws Exception {
        TopicNames names = new TopicNames("avro-garbage");
        createTopics(broker, names);
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Clients.producerConfig(broker),
                new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(names.commands(), "exec-1", "{\"not\":\"avro\"}".getBytes())).get();
        }
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "garbage-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, Command> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                AvroSerde.forValues(Command.class, null).deserializer())) {
            consumer.subscribe(List.of(names.commands()));
            RecordDeserializationException e = assertThrows(RecordDeserializationException.class, () -> {
                for (int i = 0; i < 300; i++) {
                    consumer.poll(Duration.ofMillis(100));
                }
            });
            assertEquals(0L, e.offset());
            assertInstanceOf(UnreadableRecordException.class, e.getCause());
        }
    }

    private static void roundTrip(Broker broker, TopicNames names, Map<String, String> serdeConfig) {
        createTopics(broker, names);
        AvroSerde<Command> serde = AvroSerde.of(Command.class, serdeConfig, false);
        List<Command> sent = IntStream.range(0, 5)
                .mapToObj(i -> new Command("exec-" + i, null, Samples.T0, new TimerFired("t" + i, Samples.T0)))
                .toList();
        try (KafkaProducer<String, Command> producer = new KafkaProducer<>(Clients.producerConfig(broker),
                new StringSerializer(), serde.serializer())) {
            sent.forEach(command -> producer.send(new ProducerRecord<>(names.commands(), command.getExecutionId(), command)));
        }

        List<ConsumerRecord<String, Command>> read = Clients.readAll(broker, names.commands(), sent.size(),
                new StringDeserializer(), AvroSerde.of(Command.class, serdeConfig, false).deserializer());

        assertEquals(sent, read.stream().map(ConsumerRecord::value).toList());
        read.forEach(record -> assertEquals(record.value().getExecutionId(), record.key()));
    }

    static void createTopics(Broker broker, TopicNames names) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            new Topics(admin, names, 1, (short) 1).createMissing(List.of("q"));
        }
    }
}
