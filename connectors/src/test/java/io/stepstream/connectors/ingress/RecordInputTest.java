package io.stepstream.connectors.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.jsonata.InvalidJsonataException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Transforms of a record into an execution input, compiled once and deterministic per record. */
class RecordInputTest {
    private static final long T = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private static ConsumerRecord<byte[], byte[]> record(String key, String value, long offset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "t-9".getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>("orders", 3, offset, T, TimestampType.CREATE_TIME, -1, -1,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }

    private static String input(String transform, ConsumerRecord<byte[], byte[]> record) {
        return Json.write(RecordInput.compile(transform == null ? null : Json.parse(transform)).input(record));
    }

    @Test
    void withoutATransformTheValueIsTheInput() {
        assertEquals("{\"id\":7}", input(null, record("k", "{\"id\":7}", 0)));
    }

    @Test
    void aTombstoneStartsWithAnEmptyObject() {
        assertEquals("{}", input(null, record("k", null, 0)));
    }

    @Test
    void aValueThatIsNotJsonIsAString() {
        assertEquals("\"plain text\"", input("\"$.value\"", record("k", "plain text", 0)));
    }

    @Test
    void aJsonPathSelectsFromTheRecordView() {
        assertEquals("{\"id\":7}", input("\"$.value.order\"", record("k", "{\"order\":{\"id\":7}}", 0)));
    }

    @Test
    void aPayloadTemplateReadsValueKeyHeadersAndPosition() {
        String template = """
                {"id.$":"$.value.id","key.$":"$.key","trace.$":"$.headers.trace","at.$":"States.Format('{}/{}/{}', $.topic, $.partition, $.offset)","fixed":1}""";

        assertEquals("{\"id\":7,\"key\":\"k\",\"trace\":\"t-9\",\"at\":\"orders/3/42\",\"fixed\":1}",
                input(template, record("k", "{\"id\":7}", 42)));
    }

    @Test
    void jsonataSeesTheRecordAsStatesInputAndItsTimestampAsNow() {
        String transform = "\"{% {'id': $states.input.value.id, 'at': $now(), 'ts': $states.input.timestamp} %}\"";

        assertEquals("{\"id\":7,\"at\":\"2026-01-01T00:00:00.000Z\",\"ts\":" + T + "}",
                input(transform, record("k", "{\"id\":7}", 0)));
    }

    @Test
    void theSameRecordGivesTheSameInputEvenWithRandomness() {
        String transform = "\"{% {'id': $uuid()} %}\"";

        String first = input(transform, record("k", "{}", 5));
        String again = input(transform, record("k", "{}", 5));
        String next = input(transform, record("k", "{}", 6));

        assertEquals(first, again);
        assertEquals(false, first.equals(next));
    }

    @Test
    void aPathThatSelectsNothingFailsTheRecord() {
        assertThrows(RuntimeException.class, () -> input("\"$.value.missing\"", record("k", "{}", 0)));
    }

    @Test
    void aFailingJsonataExpressionFailsTheRecord() {
        assertThrows(AslException.class, () -> input("\"{% $error('bad record') %}\"", record("k", "{}", 0)));
    }

    @Test
    void aTransformThatDoesNotCompileFailsAtStart() {
        assertThrows(InvalidJsonataException.class, () -> RecordInput.compile(Json.parse("\"{% {'a': %}\"")));
    }
}
