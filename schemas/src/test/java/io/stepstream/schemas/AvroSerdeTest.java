package io.stepstream.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.schemas.avro.Command;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.StartExecution;
import io.stepstream.schemas.avro.TaskRequest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeTest {
    private static final String TOPIC = "stepstream.commands";
    private static MockSchemaRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = MockSchemaRegistry.start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    static Stream<SpecificRecord> samples() {
        return Samples.all().stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void roundTripsEveryRecordInSingleObjectEncodingWithoutARegistry(SpecificRecord record) {
        byte[] bytes = serde(record, Map.of()).serializer().serialize(TOPIC, record);

        assertEquals((byte) 0xC3, bytes[0]);
        assertEquals((byte) 0x01, bytes[1]);
        assertEquals(record, serde(record, Map.of()).deserializer().deserialize(TOPIC, bytes));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void roundTripsEveryRecordInTheConfluentWireFormatThroughARegistry(SpecificRecord record) {
        Map<String, String> config = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        byte[] bytes = serde(record, config).serializer().serialize(TOPIC, record);

        assertEquals(0, bytes[0]);
        assertEquals(registry.register(TOPIC + "-value", record.getSchema()), ByteBuffer.wrap(bytes, 1, 4).getInt());
        assertEquals(record, serde(record, config).deserializer().deserialize(TOPIC, bytes));
    }

    @Test
    void registersAWriterSchemaOnceAndFetchesASchemaIdOnce() {
        try (MockSchemaRegistry fresh = MockSchemaRegistry.start()) {
            Map<String, String> config = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, fresh.url());
            AvroSerde<Completion> serde = AvroSerde.of(Completion.class, config, false);
            Completion completion = (Completion) Samples.all().get(10);

            byte[] first = serde.serializer().serialize("completions", completion);
            byte[] second = serde.serializer().serialize("completions", completion);
            serde.deserializer().deserialize("completions", first);
            serde.deserializer().deserialize("completions", second);

            assertArrayEquals(first, second);
            assertEquals(1, fresh.registrations());
            assertEquals(1, fresh.fetches());
        }
    }

    @Test
    void aRecordThatFailsPartWayLeavesNoBytesInTheNext() {
        AvroSerde<Command> serde = AvroSerde.of(Command.class, Map.of(), false);
        Command good = Samples.command(Samples.start());
        byte[] expected = serde.serializer().serialize(TOPIC, good);
        // the execution id and command id are encoded before the union refuses its value
        Command bad = new Command("exec-2", "cmd-2", good.getTimestamp(), "not a command");

        assertThrows(org.apache.kafka.common.errors.SerializationException.class,
                () -> serde.serializer().serialize(TOPIC, bad));
        assertArrayEquals(expected, serde.serializer().serialize(TOPIC, good));
    }

    @Test
    void usesTheKeySubjectForKeys() {
        try (MockSchemaRegistry fresh = MockSchemaRegistry.start()) {
            Command command = Samples.command(Samples.start());
            AvroSerde<Command> serde = AvroSerde.of(Command.class,
                    Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, fresh.url()), true);

            byte[] bytes = serde.serializer().serialize("t", command);

            assertEquals(fresh.register("t-key", command.getSchema()), ByteBuffer.wrap(bytes, 1, 4).getInt());
            assertEquals(1, fresh.registrations());
        }
    }

    @Test
    void looksUpInsteadOfRegisteringWhenAutoRegistrationIsOff() {
        try (MockSchemaRegistry fresh = MockSchemaRegistry.start()) {
            Command command = Samples.command(Samples.start());
            Map<String, String> config = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, fresh.url(),
                    SerdeConfig.AUTO_REGISTER_SCHEMAS, "false");

            assertThrows(SchemaRegistryException.class,
                    () -> AvroSerde.of(Command.class, config, false).serializer().serialize("t", command));
            int id = fresh.register("t-value", command.getSchema());
            byte[] bytes = AvroSerde.of(Command.class, config, false).serializer().serialize("t", command);

            assertEquals(id, ByteBuffer.wrap(bytes, 1, 4).getInt());
            assertEquals(0, fresh.registrations());
        }
    }

    @Test
    void rejectsASchemaIdTheRegistryDoesNotKnow() {
        byte[] bytes = ByteBuffer.allocate(8).put((byte) 0).putInt(999_999).put(new byte[] {2, 4, 6}).array();
        AvroSerde<Command> serde = AvroSerde.forValues(Command.class, registry.url());

        UnreadableRecordException e = assertThrows(UnreadableRecordException.class,
                () -> serde.deserializer().deserialize(TOPIC, bytes));
        assertTrue(e.getMessage().contains("schema id 999999 is unknown to the registry"), e.getMessage());
        assertTrue(e.getMessage().contains(TOPIC), e.getMessage());
    }

    @Test
    void rejectsRegistryFramedBytesWhenNoRegistryIsConfigured() {
        Command command = Samples.command(Samples.start());
        byte[] bytes = AvroSerde.forValues(Command.class, registry.url()).serializer().serialize(TOPIC, command);

        UnreadableRecordException e = assertThrows(UnreadableRecordException.class,
                () -> AvroSerde.forValues(Command.class, null).deserializer().deserialize(TOPIC, bytes));
        assertTrue(e.getMessage().contains("no schema.registry.url is configured"), e.getMessage());
    }

    @Test
    void readsSingleObjectBytesWhenARegistryIsConfigured() {
        Command command = Samples.command(Samples.start());
        byte[] bytes = AvroSerde.forValues(Command.class, null).serializer().serialize(TOPIC, command);

        assertEquals(command, AvroSerde.forValues(Command.class, registry.url()).deserializer().deserialize(TOPIC, bytes));
    }

    @Test
    void rejectsBytesInNeitherFraming() {
        AvroSerde<Command> serde = AvroSerde.forValues(Command.class, null);

        for (byte[] garbage : new byte[][] {{}, {1, 2, 3}, "{\"json\":true}".getBytes()}) {
            UnreadableRecordException e = assertThrows(UnreadableRecordException.class,
                    () -> serde.deserializer().deserialize(TOPIC, garbage));
            assertTrue(e.getMessage().contains("neither the Confluent wire format"), e.getMessage());
        }
    }

    @Test
    void rejectsAFingerprintOfAnotherSchema() {
        byte[] completion = AvroSerde.forValues(Completion.class, null).serializer()
                .serialize(TOPIC, (Completion) Samples.all().get(10));

        UnreadableRecordException e = assertThrows(UnreadableRecordException.class,
                () -> AvroSerde.forValues(Command.class, null).deserializer().deserialize(TOPIC, completion));
        assertTrue(e.getMessage().contains("not a version of io.stepstream.schemas.avro.Command"), e.getMessage());
    }

    @Test
    void rejectsTruncatedAndPaddedBodies() {
        AvroSerde<Command> serde = AvroSerde.forValues(Command.class, null);
        byte[] bytes = serde.serializer().serialize(TOPIC, Samples.command(Samples.start()));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 5);
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 1);

        assertThrows(UnreadableRecordException.class, () -> serde.deserializer().deserialize(TOPIC, truncated));
        UnreadableRecordException e = assertThrows(UnreadableRecordException.class,
                () -> serde.deserializer().deserialize(TOPIC, padded));
        assertTrue(e.getMessage().contains("bytes follow the end"), e.getMessage());
    }

    @Test
    void keepsNullsAsTombstones() {
        AvroSerde<Command> serde = AvroSerde.forValues(Command.class, null);

        assertNull(serde.serializer().serialize(TOPIC, null));
        assertNull(serde.deserializer().deserialize(TOPIC, null));
    }

    @Test
    void writesTheSingleObjectEncodingOfTheAvroSpecification() throws Exception {
        Command command = Samples.command(Samples.start());
        byte[] ours = AvroSerde.forValues(Command.class, null).serializer().serialize(TOPIC, command);

        GenericRecord generic = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), Command.getClassSchema())
                .decode(ours, null);
        assertEquals("order-42", ((GenericRecord) generic.get("command")).get("executionName").toString());
    }

    @Test
    void readsSingleObjectBytesThatAvroItselfWrote() throws Exception {
        Command command = Samples.command(Samples.start());
        ByteBuffer avros = command.toByteBuffer();
        byte[] bytes = new byte[avros.remaining()];
        avros.get(bytes);

        Command read = AvroSerde.forValues(Command.class, null).deserializer().deserialize(TOPIC, bytes);
        assertEquals(command, read);
        assertInstanceOf(StartExecution.class, read.getCommand());
    }

    @Test
    void needsNoSerializablePackagesProperty() {
        // Avro 1.12 refuses to instantiate classes outside an allow-list; our reader trusts the
        // packages of its records itself, so this JVM runs without the system property.
        assertNull(System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES"));
        Command command = Samples.command(Samples.start());
        byte[] bytes = AvroSerde.forValues(Command.class, null).serializer().serialize(TOPIC, command);

        assertThrows(SecurityException.class, () -> Command.getDecoder().decode(bytes));
        assertEquals(command, AvroSerde.forValues(Command.class, null).deserializer().deserialize(TOPIC, bytes));
    }

    @Test
    void deserializerMadeByReflectionLearnsItsTypeFromTheConfig() {
        TaskRequest request = Samples.taskRequest();
        byte[] bytes = AvroSerde.forValues(TaskRequest.class, null).serializer().serialize("tasks", request);
        AvroDeserializer<TaskRequest> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of(SerdeConfig.VALUE_TYPE, TaskRequest.class.getName()), false);

        assertEquals(request, deserializer.deserialize("tasks", bytes));
    }

    @SuppressWarnings("unchecked")
    private static AvroSerde<SpecificRecord> serde(SpecificRecord record, Map<String, String> config) {
        return AvroSerde.of((Class<SpecificRecord>) record.getClass(), config, false);
    }
}
