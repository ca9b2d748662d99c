package io.stepstream.runtime;

import static io.stepstream.runtime.DrivenEngine.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.asl.json.Json;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.ExecutionStatus;
import io.stepstream.schemas.avro.SendTaskSuccess;
import io.stepstream.schemas.avro.TransitionBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AWS's runtime limits through the engine: 256 KiB payloads, 25,000 history events, records Kafka accepts. */
class ExecutionLimitsTest extends DrivenEngineTest {
    private static final int KAFKA_RECORD_LIMIT = 1024 * 1024;
    private static final String OVER_256_KIB = "x".repeat(256 * 1024);

    @Test
    void anInputOver256KiBFailsTheExecutionWithDataLimitExceeded() {
        engine.deploy("p", """
                {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");

        engine.start("p", "e", "{\"big\":\"" + OVER_256_KIB + "\"}", T0);

        Completion completion = engine.completions.readValue();
        assertEquals(ExecutionStatus.FAILED, completion.getStatus());
        assertEquals("States.DataLimitExceeded", completion.getError());
    }

    @Test
    void aTaskResultOver256KiBFailsTheTaskWithDataLimitExceededWhichACatcherHandles() {
        engine.deploy("t", """
                {"StartAt":"T","States":{
                 "T":{"Type":"Task","Resource":"arn:aws:states:us-east-1:111111111111:activity:work",
                      "Catch":[{"ErrorEquals":["States.DataLimitExceeded"],"ResultPath":"$.caught","Next":"Handled"}],
                      "End":true},
                 "Handled":{"Type":"Pass","End":true}}}""");
        String arn = engine.start("t", "e", "{}", T0);
        String token = engine.driver.createOutputTopic("t.tasks.work",
                new org.apache.kafka.common.serialization.StringDeserializer(),
                engine.serdes.tasks().deserializer()).readValue().getTaskToken();

        engine.send(arn, new SendTaskSuccess(token, "\"" + OVER_256_KIB + "\""), T0.plusSeconds(1));

        Completion completion = engine.completions.readValue();
        assertEquals(ExecutionStatus.SUCCEEDED, completion.getStatus(), completion.toString());
        assertEquals("States.DataLimitExceeded", Json.parse(completion.getOutput()).path("caught").path("Error").asText());
    }

    @Test
    void aStandardExecutionFailsAfter25000HistoryEventsInBatchesKafkaAccepts() {
        engine.deploy("loop", """
                {"StartAt":"Again","States":{
                 "Again":{"Type":"Pass","Next":"Check"},
                 "Check":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"Done"}],
                          "Default":"Again"},
                 "Done":{"Type":"Succeed"}}}""");

        engine.start("loop", "e", "{}", T0);

        Completion completion = engine.completions.readValue();
        assertEquals(ExecutionStatus.FAILED, completion.getStatus());
        assertEquals("States.Runtime", completion.getError());
        List<TransitionBatch> batches = engine.transitions.readValuesToList();
        long events = batches.stream().mapToLong(b -> b.getEvents().size()).sum();
        assertTrue(events > 25_000 && events < 25_010, events + " events");
        assertTrue(batches.size() > 1, "one batch of " + events + " events");
        for (TransitionBatch batch : batches) {
            int bytes = engine.serdes.transitions().serializer().serialize("t.transitions", batch).length;
            assertTrue(bytes < KAFKA_RECORD_LIMIT, "a batch of " + bytes + " bytes");
        }
    }

    @Test
    void anAdvanceWithSeveralLargePayloadsIsCutIntoBatchesKafkaAccepts() {
        engine.deploy("big", """
                {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"C"},
                 "C":{"Type":"Pass","Next":"D"},"D":{"Type":"Pass","End":true}}}""");

        engine.start("big", "e", "{\"big\":\"" + "y".repeat(200 * 1024) + "\"}", T0);

        assertEquals(ExecutionStatus.SUCCEEDED, engine.completions.readValue().getStatus());
        List<TransitionBatch> batches = engine.transitions.readValuesToList();
        assertTrue(batches.size() > 1);
        for (TransitionBatch batch : batches) {
            int bytes = engine.serdes.transitions().serializer().serialize("t.transitions", batch).length;
            assertTrue(bytes < KAFKA_RECORD_LIMIT, "a batch of " + bytes + " bytes");
        }
    }
}
