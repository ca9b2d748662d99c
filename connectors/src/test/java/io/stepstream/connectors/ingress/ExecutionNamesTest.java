package io.stepstream.connectors.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Names derived from a record are stable, unique per event and acceptable to AWS. */
class ExecutionNamesTest {

    private static ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset, String key) {
        return new ConsumerRecord<>(topic, partition, offset, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                new byte[0]);
    }

    @Test
    void aPositionNamesTopicPartitionAndOffset() {
        assertEquals("orders.v1-2-17", ExecutionNames.ofPosition(record("orders.v1", 2, 17, "k")));
    }

    @Test
    void aKeyNamesTheExecutionAndFallsBackToThePositionWithoutOne() {
        assertEquals("order-42", ExecutionNames.ofKey(record("orders", 0, 1, "order-42")));
        assertEquals("orders-0-1", ExecutionNames.ofKey(record("orders", 0, 1, null)));
    }

    @Test
    void aNameAwsWouldRefuseBecomesAStableUuid() {
        String refused = "customer/42 order#7";
        String name = ExecutionNames.valid(refused);

        assertEquals(36, name.length());
        assertEquals(name, ExecutionNames.valid(refused));
        assertNotEquals(name, ExecutionNames.valid("customer/42 order#8"));
        assertEquals(36, ExecutionNames.valid("x".repeat(81)).length());
    }
}
