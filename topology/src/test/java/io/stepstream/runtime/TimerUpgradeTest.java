package io.stepstream.runtime;

import static io.stepstream.runtime.DrivenEngine.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import io.stepstream.runtime.engine.ExecutionTopology;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.ExecutionStateEnvelope;
import io.stepstream.schemas.avro.ExecutionStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Timers stored before the interpreter kept due times (a reverse-index key beside each due-time
 * key, states without due times) still fire and are still cancelled, and leave nothing behind.
 */
class TimerUpgradeTest extends DrivenEngineTest {
    @Test
    void timersStoredByTheEarlierLayoutFireAndAreCancelled() {
        engine.deploy("w", """
                {"StartAt":"W","TimeoutSeconds":600,"States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""");
        String arn = engine.start("w", "old", "{}", T0);
        assertEquals(List.of("T:" + T0.plusSeconds(60).toEpochMilli() + ":wait-",
                "T:" + T0.plusSeconds(600).toEpochMilli() + ":execution-timeout-"), keys(), "one key per timer");
        toEarlierLayout(arn);
        assertEquals(4, keys().size(), "a due-time and a reverse-index key per timer");

        engine.driver.advanceWallClockTime(Duration.ofSeconds(61));

        List<Completion> completions = engine.completions.readValuesToList();
        assertEquals(ExecutionStatus.SUCCEEDED, completions.get(0).getStatus());
        long retention = T0.plusSeconds(60).plus(Duration.ofDays(90)).toEpochMilli();
        assertEquals(List.of("T:" + retention + ":retention"), keys(),
                "the Wait's keys fired, the execution timeout's cancelled; only the retention timer is left");
        assertEquals(0, engine.metrics.rejections());
    }

    @Test
    void aRetentionTimerStoredWithItsReverseIndexDeletesTheExecutionAndBothKeys() {
        engine.deploy("p", """
                {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        String arn = engine.start("p", "old", "{}", T0);
        long retention = T0.plus(Duration.ofDays(90)).toEpochMilli();
        assertEquals(List.of("T:" + retention + ":retention"), keys());
        toEarlierLayout(arn);
        assertEquals(List.of("T:" + retention + ":retention", "X:retention"), keys());

        engine.driver.advanceWallClockTime(Duration.ofDays(90).plusMinutes(1));

        assertNull(engine.driver.getKeyValueStore(ExecutionTopology.EXECUTIONS_STORE).get(arn));
        assertEquals(List.of(), keys());
        assertEquals(1, engine.metrics.expirations());
    }

    /** Rewrites the execution's timers and state as the engine stored them before due times were kept. */
    private void toEarlierLayout(String arn) {
        KeyValueStore<Bytes, byte[]> timers = timers();
        List<KeyValue<Bytes, byte[]>> dueKeys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = timers.range(Bytes.wrap(new byte[] {'T'}),
                Bytes.wrap(new byte[] {'U'}))) {
            it.forEachRemaining(dueKeys::add);
        }
        for (KeyValue<Bytes, byte[]> kv : dueKeys) {
            byte[] key = kv.key.get();
            byte[] index = new byte[key.length - 8];
            index[0] = 'X';
            System.arraycopy(key, 9, index, 1, key.length - 9);
            timers.put(kv.key, new byte[0]);
            timers.put(Bytes.wrap(index), Arrays.copyOfRange(key, 1, 9));
        }
        KeyValueStore<String, ExecutionStateEnvelope> executions =
                engine.driver.getKeyValueStore(ExecutionTopology.EXECUTIONS_STORE);
        ExecutionStateEnvelope envelope = executions.get(arn);
        JsonNode state = Json.parse(envelope.getState());
        ((ObjectNode) state).remove("executionTimerDue");
        state.findParents("due").forEach(wait -> ((ObjectNode) wait).remove("due"));
        envelope.setState(Json.write(state));
        executions.put(arn, envelope);
    }

    /** The timer store's keys as {@code T:due:timerId} and {@code X:timerId} (without the counter of ids). */
    private List<String> keys() {
        Map<String, String> keys = new TreeMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = timers().range(Bytes.wrap(new byte[] {'T'}),
                Bytes.wrap(new byte[] {'Y'}))) {
            it.forEachRemaining(kv -> {
                byte[] key = kv.key.get();
                String text = new String(key, StandardCharsets.UTF_8);
                String timerId = text.substring(text.lastIndexOf('\0') + 1).replaceAll("-\\d+$", "-");
                keys.put(text, key[0] == 'T'
                        ? "T:" + ByteBuffer.wrap(key, 1, 8).getLong() + ":" + timerId : "X:" + timerId);
            });
        }
        return new ArrayList<>(keys.values());
    }

    private KeyValueStore<Bytes, byte[]> timers() {
        return engine.driver.getKeyValueStore(ExecutionTopology.TIMERS_STORE);
    }
}
