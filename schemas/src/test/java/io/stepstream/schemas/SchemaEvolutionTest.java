package io.stepstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stepstream.schemas.avro.Definition;
import io.stepstream.schemas.avro.ExecutionStateEnvelope;
import io.stepstream.schemas.avro.TaskRequest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/**
 * A record written by an older schema version is read by today's class, the added field taking
 * its default. The older version is the test fixture in the history folder of the test classpath.
 */
class SchemaEvolutionTest {
    private static final Schema OLD = oldTaskRequestSchema();

    @Test
    void readsAnOlderWriterSchemaInSingleObjectEncodingWhenItIsInTheHistory() throws Exception {
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), OLD).encode(oldRecord()).array();

        TaskRequest read = AvroSerde.forValues(TaskRequest.class, null).deserializer().deserialize("tasks", bytes);

        assertOldRecordReadWithDefaults(read);
    }

    @Test
    void readsAnOlderWriterSchemaFromTheRegistry() throws Exception {
        try (MockSchemaRegistry registry = MockSchemaRegistry.start()) {
            int id = registry.register("tasks-value", OLD);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(WireFormat.confluentHeader(id));
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(OLD).write(oldRecord(), encoder);

            TaskRequest read = AvroSerde.of(TaskRequest.class,
                    Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false)
                    .deserializer().deserialize("tasks", out.toByteArray());

            assertOldRecordReadWithDefaults(read);
        }
    }

    @Test
    void readsAnEnvelopeWrittenBeforeItNamedItsDefinitionWithNoDefinition() throws Exception {
        Schema first = historySchema("io/stepstream/schemas/history/io.stepstream.schemas.avro.ExecutionStateEnvelope.json");
        GenericRecord old = new GenericRecordBuilder(first).set("schemaVersion", 1).set("state", "{}").build();
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), first).encode(old).array();

        ExecutionStateEnvelope read = AvroSerde.forValues(ExecutionStateEnvelope.class, null).deserializer()
                .deserialize("executions-changelog", bytes);

        assertEquals("{}", read.getState());
        assertNull(read.getDefinition());
    }

    @Test
    void readsAnEnvelopeWrittenBeforeNestedExecutionsWithNoParent() throws Exception {
        Schema second = historySchema("io/stepstream/schemas/history/io.stepstream.schemas.avro.ExecutionStateEnvelope.json", 1);
        GenericRecord old = new GenericRecordBuilder(second).set("schemaVersion", 1).set("state", "{}")
                .set("definition", "orders:1").build();
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), second).encode(old).array();

        ExecutionStateEnvelope read = AvroSerde.forValues(ExecutionStateEnvelope.class, null).deserializer()
                .deserialize("executions-changelog", bytes);

        assertEquals("orders:1", read.getDefinition());
        assertNull(read.getParentExecutionId());
        assertNull(read.getParentTaskToken());
    }

    @Test
    void readsACommandWrittenBeforeRedriveExecutionJoinedTheUnion() throws Exception {
        Schema before = historySchema("io/stepstream/schemas/history/io.stepstream.schemas.avro.Command.json");
        Schema stopSchema = before.getField("command").schema().getTypes().stream()
                .filter(t -> t.getName().equals("StopExecution")).findFirst().orElseThrow();
        GenericRecord old = new GenericRecordBuilder(before).set("executionId", "exec-1")
                .set("timestamp", Samples.T0.toEpochMilli())
                .set("command", new GenericRecordBuilder(stopSchema).set("error", "E").set("cause", null).build())
                .build();
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), before).encode(old).array();

        io.stepstream.schemas.avro.Command read = AvroSerde.forValues(io.stepstream.schemas.avro.Command.class, null)
                .deserializer().deserialize("commands", bytes);

        assertEquals("E", ((io.stepstream.schemas.avro.StopExecution) read.getCommand()).getError());
    }

    @Test
    void readsAnEnvelopeWrittenBeforeVersionArnsWithNoVersionOrAlias() throws Exception {
        Schema third = historySchema("io/stepstream/schemas/history/io.stepstream.schemas.avro.ExecutionStateEnvelope.json", 2);
        GenericRecord old = new GenericRecordBuilder(third).set("schemaVersion", 1).set("state", "{}")
                .set("definition", "orders:3").set("parentExecutionId", "p").build();
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), third).encode(old).array();

        ExecutionStateEnvelope read = AvroSerde.forValues(ExecutionStateEnvelope.class, null).deserializer()
                .deserialize("executions-changelog", bytes);

        assertEquals("p", read.getParentExecutionId());
        assertNull(read.getStateMachineVersionArn());
        assertNull(read.getStateMachineAliasArn());
    }

    @Test
    void readsADefinitionWrittenBeforePublishedVersionsAsARevision() throws Exception {
        Schema first = historySchema("io/stepstream/schemas/history/io.stepstream.schemas.avro.Definition.json");
        GenericRecord old = new GenericRecordBuilder(first).set("name", "orders").set("version", 3)
                .set("definition", "{}").set("type", new GenericData.EnumSymbol(first.getField("type").schema(), "STANDARD"))
                .set("created", Samples.T0.toEpochMilli()).build();
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), first).encode(old).array();

        Definition read = AvroSerde.forValues(Definition.class, null).deserializer().deserialize("definitions", bytes);

        assertEquals(3, read.getVersion());
        assertNull(read.getPublishedVersion());
        assertNull(read.getDescription());
    }

    private static void assertOldRecordReadWithDefaults(TaskRequest read) {
        assertEquals("token-1", read.getTaskToken());
        assertEquals(2, read.getIdempotencyKey().getAttempt());
        assertEquals(300L, read.getTimeoutSeconds());
        assertNull(read.getHeartbeatSeconds());
        assertEquals(Samples.T0, read.getTimestamp());
    }

    private static GenericRecord oldRecord() {
        Schema keySchema = OLD.getField("idempotencyKey").schema();
        return new GenericRecordBuilder(OLD)
                .set("executionId", "exec-1")
                .set("taskToken", "token-1")
                .set("idempotencyKey", new GenericRecordBuilder(keySchema)
                        .set("executionId", "exec-1").set("state", "Charge").set("attempt", 2).build())
                .set("resource", "arn:aws:states:::activity:charge")
                .set("input", "{}")
                .set("timeoutSeconds", 300L)
                .set("timestamp", Samples.T0.toEpochMilli())
                .build();
    }

    private static Schema oldTaskRequestSchema() {
        return historySchema("io/stepstream/schemas/history/io.stepstream.schemas.avro.TaskRequest.json");
    }

    private static Schema historySchema(String resource) {
        return historySchema(resource, 0);
    }

    private static Schema historySchema(String resource, int index) {
        try (InputStream in = SchemaEvolutionTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new Schema.Parser().parse(new ObjectMapper().readTree(in).get(index).toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
