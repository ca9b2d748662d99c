package io.stepstream.runtime;

import static io.stepstream.runtime.DrivenEngine.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.runtime.engine.ExecutionTopology;
import io.stepstream.runtime.engine.HistoryTopology;
import io.stepstream.schemas.avro.ExecutionStateEnvelope;
import io.stepstream.schemas.avro.ExecutionStatus;
import io.stepstream.schemas.avro.MachineType;
import io.stepstream.schemas.avro.RedriveExecution;
import io.stepstream.schemas.avro.SendTaskFailure;
import io.stepstream.schemas.avro.SendTaskSuccess;
import io.stepstream.schemas.avro.StartExecution;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ended Standard executions are kept for the retention (AWS: 90 days), then deleted with their
 * history, and their names can be reused; ended Express executions are not kept.
 */
class ExecutionRetentionTest {
    private static final String PASS = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";

    @TempDir
    Path stateDir;
    private DrivenEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void keepsAnEndedExecutionForTheRetentionThenDeletesItAndFreesItsName() {
        engine = new DrivenEngine(DrivenEngine.settings().retention(Duration.ofHours(1)), stateDir);
        engine.deploy("p", PASS);
        String arn = engine.start("p", "e", "{}", T0);
        assertEquals(ExecutionStatus.SUCCEEDED, engine.completions.readValue().getStatus());

        engine.driver.advanceWallClockTime(Duration.ofMinutes(59));
        assertNotNull(executions().get(arn), "deleted before the retention ran out");
        engine.start("p", "e", "{}", T0.plus(Duration.ofMinutes(59)));
        String refused = engine.deadLetters.readValue().getReason();
        engine.driver.advanceWallClockTime(Duration.ofMinutes(2));
        assertNull(executions().get(arn), "still kept after the retention");
        engine.start("p", "e", "{}", T0.plus(Duration.ofMinutes(61)));

        assertEquals("ExecutionAlreadyExists: Execution Already Exists: '" + arn + "'", refused);
        assertEquals(ExecutionStatus.SUCCEEDED, engine.completions.readValue().getStatus());
        assertTrue(engine.deadLetters.isEmpty());
        assertEquals(1, engine.metrics.expirations());
    }

    @Test
    void deletesAnExpiredExecutionsHistoryWithIt() {
        engine = new DrivenEngine(DrivenEngine.settings().retention(Duration.ofHours(1)), stateDir);
        engine.deploy("p", PASS);
        String arn = engine.start("p", "e", "{}", T0);
        String other = engine.start("p", "f", "{}", T0.plus(Duration.ofMinutes(30)));
        boolean recorded = !history(arn).isEmpty();
        engine.transitions.readRecordsToList();

        engine.driver.advanceWallClockTime(Duration.ofMinutes(61));

        assertTrue(recorded);
        assertEquals(List.of(), history(arn));
        assertEquals(List.of(other + "#000000000001"), history(other), "another execution's history stays");
        var tombstone = engine.transitions.readRecord();
        assertEquals(arn, tombstone.key());
        assertNull(tombstone.value(), "a tombstone on the transitions topic, after the execution's batches");
        assertTrue(engine.transitions.isEmpty());
    }

    @Test
    void aRedrivenExecutionOutlivesItsFirstRetentionTimerAndIsKeptFromItsNewEnd() {
        engine = new DrivenEngine(DrivenEngine.settings().retention(Duration.ofHours(1)), stateDir);
        engine.deploy("t", """
                {"StartAt":"T","States":{"T":{"Type":"Task","End":true,
                 "Resource":"arn:aws:lambda:us-east-1:111111111111:function:f"}}}""");
        String arn = engine.start("t", "e", "{}", T0);
        engine.send(arn, new SendTaskFailure(engine.tasks.readValue().getTaskToken(), "Boom", null), T0);
        assertEquals(ExecutionStatus.FAILED, engine.completions.readValue().getStatus());

        engine.driver.advanceWallClockTime(Duration.ofMinutes(30));
        engine.send(arn, new RedriveExecution(null), T0.plus(Duration.ofMinutes(30)));
        String token = engine.tasks.readValue().getTaskToken();
        engine.driver.advanceWallClockTime(Duration.ofMinutes(31)); // the first end's retention runs out
        boolean keptWhileRunning = executions().get(arn) != null;
        engine.send(arn, new SendTaskSuccess(token, "{}"), T0.plus(Duration.ofMinutes(62)));
        ExecutionStatus again = engine.completions.readValue().getStatus();
        engine.driver.advanceWallClockTime(Duration.ofMinutes(59)); // 121 minutes: an hour from the second end, nearly
        boolean keptAnHourFromTheSecondEnd = executions().get(arn) != null;
        engine.driver.advanceWallClockTime(Duration.ofMinutes(2));

        assertTrue(keptWhileRunning, "the first end's retention timer deleted a redriven execution");
        assertEquals(ExecutionStatus.SUCCEEDED, again);
        assertTrue(keptAnHourFromTheSecondEnd, "deleted an hour after the first end, not the second");
        assertNull(executions().get(arn));
        assertEquals(1, engine.metrics.expirations());
        assertTrue(engine.deadLetters.isEmpty());
    }

    @Test
    void keepsEndedExecutionsNinetyDaysByDefault() {
        engine = new DrivenEngine(DrivenEngine.settings(), stateDir);
        engine.deploy("p", PASS);
        String arn = engine.start("p", "e", "{}", T0);

        engine.driver.advanceWallClockTime(Duration.ofDays(90).minusMinutes(1));
        boolean keptEightyNineDays = executions().get(arn) != null;
        engine.driver.advanceWallClockTime(Duration.ofMinutes(2));

        assertTrue(keptEightyNineDays);
        assertNull(executions().get(arn));
    }

    @Test
    void aZeroRetentionDeletesTheExecutionWhenItEnds() {
        engine = new DrivenEngine(DrivenEngine.settings().retention(Duration.ZERO), stateDir);
        engine.deploy("w", """
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"End":true}}}""");
        String arn = engine.start("w", "e", "{}", T0);
        boolean keptWhileRunning = executions().get(arn) != null;

        engine.driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertTrue(keptWhileRunning);
        assertEquals(ExecutionStatus.SUCCEEDED, engine.completions.readValue().getStatus());
        assertNull(executions().get(arn));
        assertEquals(1, engine.metrics.expirations());
    }

    @Test
    void keepsNoExpressExecutionThatEndsInItsStartAndRunsItsNameAgain() {
        engine = new DrivenEngine(DrivenEngine.settings(), stateDir);
        engine.deploy("p", PASS);
        String arn = DrivenEngine.ARN_PREFIX + "p:e";
        StartExecution express = new StartExecution("p", null, "e", "{}", MachineType.EXPRESS, null, null, null);
        engine.send(arn, express, T0);
        engine.send(arn, express, T0.plusSeconds(1));

        assertEquals(2, engine.completions.readValuesToList().size());
        assertTrue(engine.deadLetters.isEmpty(), "AWS's Express start is not idempotent: no ExecutionAlreadyExists");
        assertNull(executions().get(arn));
        assertEquals(0, engine.metrics.expirations(), "nothing was written, so nothing was deleted");
    }

    @Test
    void deletesAnExpressExecutionThatWaitedWhenItEnds() {
        engine = new DrivenEngine(DrivenEngine.settings(), stateDir);
        engine.deploy("w", """
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"End":true}}}""");
        String arn = DrivenEngine.ARN_PREFIX + "w:e";
        engine.send(arn, new StartExecution("w", null, "e", "{}", MachineType.EXPRESS, null, null, null), T0);
        boolean keptWhileRunning = executions().get(arn) != null;
        boolean recordedWhileRunning = !history(arn).isEmpty();

        engine.driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertTrue(keptWhileRunning);
        assertTrue(recordedWhileRunning);
        assertEquals(ExecutionStatus.SUCCEEDED, engine.completions.readValue().getStatus());
        assertNull(executions().get(arn));
        assertEquals(List.of(), history(arn), "AWS keeps no history of an Express execution");
    }

    @Test
    void refusesANegativeRetention() {
        assertThrows(IllegalArgumentException.class,
                () -> DrivenEngine.settings().retention(Duration.ofSeconds(-1)).build());
    }

    private List<String> history(String arn) {
        KeyValueStore<String, byte[]> store = engine.driver.getKeyValueStore(HistoryTopology.STORE);
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(HistoryTopology.prefix(arn),
                new StringSerializer())) {
            it.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private KeyValueStore<String, ExecutionStateEnvelope> executions() {
        return engine.driver.getKeyValueStore(ExecutionTopology.EXECUTIONS_STORE);
    }
}
