package io.stepstream.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stepstream.runtime.engine.HistoryTopology;
import io.stepstream.schemas.avro.HistoryEvent;
import io.stepstream.schemas.avro.TransitionBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history recorder stores each transitions batch as the bytes it came in, under its first
 * event id from the header the processor writes, or, for a batch written without one by an
 * earlier version, from the decoded batch.
 */
class HistoryRecorderTest {
    private static final String ARN = DrivenEngine.ARN_PREFIX + "p:e1";

    @TempDir
    Path stateDir;
    private DrivenEngine engine;
    private TestInputTopic<String, byte[]> transitions;

    @BeforeEach
    void engine() {
        engine = new DrivenEngine(DrivenEngine.settings(), stateDir);
        transitions = engine.driver.createInputTopic("t.transitions", new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void storesTheProcessorsBatchesUnderTheirFirstEventIds() {
        engine.deploy("p", """
                {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}""");
        engine.start("p", "e1", "{}", DrivenEngine.T0);
        List<KeyValue<String, byte[]>> stored = history(ARN);
        assertEquals(List.of(HistoryTopology.key(ARN, 1)), stored.stream().map(kv -> kv.key).toList());
        TransitionBatch batch = engine.serdes.transitions().deserializer().deserialize("t.transitions", stored.get(0).value);
        assertEquals("ExecutionStarted", batch.getEvents().get(0).getType());
    }

    @Test
    void decodesABatchWrittenWithoutTheHeader() {
        byte[] bytes = engine.serdes.transitions().serializer().serialize("t.transitions",
                new TransitionBatch(ARN, List.of(new HistoryEvent(7L, 6L, "PassStateExited", DrivenEngine.T0, null))));
        transitions.pipeInput(ARN, bytes);
        List<KeyValue<String, byte[]>> stored = history(ARN);
        assertEquals(List.of(HistoryTopology.key(ARN, 7)), stored.stream().map(kv -> kv.key).toList());
        assertArrayEquals(bytes, stored.get(0).value, "stored as it came");
    }

    @Test
    void skipsBytesThatAreNoBatch() {
        transitions.pipeInput(ARN, "not avro".getBytes(StandardCharsets.UTF_8));
        transitions.pipeInput(ARN, engine.serdes.transitions().serializer().serialize("t.transitions",
                new TransitionBatch(ARN, List.of(new HistoryEvent(1L, 0L, "ExecutionStarted", DrivenEngine.T0, null)))));
        assertEquals(List.of(HistoryTopology.key(ARN, 1)), history(ARN).stream().map(kv -> kv.key).toList(),
                "the recorder went on after the unreadable record");
    }

    private List<KeyValue<String, byte[]>> history(String arn) {
        KeyValueStore<String, byte[]> store = engine.driver.getKeyValueStore(HistoryTopology.STORE);
        List<KeyValue<String, byte[]>> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(HistoryTopology.prefix(arn), new StringSerializer())) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
