package io.stepstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.asl.engine.HistoryLevel;
import io.stepstream.runtime.engine.EngineMetrics;
import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.runtime.engine.ExecutionTopology;
import io.stepstream.schemas.avro.Command;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.DeadLetter;
import io.stepstream.schemas.avro.Definition;
import io.stepstream.schemas.avro.ExecutionStatus;
import io.stepstream.schemas.avro.MachineType;
import io.stepstream.schemas.avro.SendTaskHeartbeat;
import io.stepstream.schemas.avro.SendTaskSuccess;
import io.stepstream.schemas.avro.StartExecution;
import io.stepstream.schemas.avro.TaskRequest;
import io.stepstream.schemas.avro.TimerFired;
import io.stepstream.schemas.avro.TransitionBatch;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The execution processor on a driven wall clock (TopologyTestDriver): timers, batches, rejections, dead letters. */
class ExecutionProcessorTest {
    private static final Instant T0 = DrivenEngine.T0;
    private static final Duration TICK = Duration.ofMillis(100);

    @TempDir
    Path stateDir;
    private DrivenEngine engine;
    private EngineMetrics metrics;
    private EngineSerdes serdes;
    private TopologyTestDriver driver;
    private TestInputTopic<String, Definition> definitions;
    private TestInputTopic<String, Command> commands;
    private TestOutputTopic<String, Completion> completions;
    private TestOutputTopic<String, TransitionBatch> transitions;
    private TestOutputTopic<String, TaskRequest> tasks;
    private TestOutputTopic<byte[], DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        drive(settings());
    }

    private static EngineConfig.Builder settings() {
        return DrivenEngine.settings();
    }

    private void drive(EngineConfig.Builder settings) {
        if (engine != null) {
            engine.close();
        }
        engine = new DrivenEngine(settings, stateDir);
        metrics = engine.metrics;
        serdes = engine.serdes;
        driver = engine.driver;
        definitions = engine.definitions;
        commands = engine.commands;
        completions = engine.completions;
        transitions = engine.transitions;
        tasks = engine.tasks;
        deadLetters = engine.deadLetters;
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void firesWaitTimersInDueOrderOnlyWhenTheWallClockPassesThem() {
        deploy("w", """
                {"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}}""");
        String late = start("w", "late", "{\"s\":20}");
        String early = start("w", "early", "{\"s\":10}");

        driver.advanceWallClockTime(Duration.ofSeconds(9));
        assertTrue(completions.isEmpty());
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertEquals(List.of(early), keys(completions.readKeyValuesToList()));
        driver.advanceWallClockTime(Duration.ofSeconds(10));

        assertEquals(List.of(late), keys(completions.readKeyValuesToList()));
        assertEquals(2, metrics.timersFired());
    }

    @Test
    void keepsTheScanPositionInTheStorePastWhatFired() {
        deploy("w", """
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"End":true}}}""");
        start("w", "e", "{}");

        driver.advanceWallClockTime(Duration.ofSeconds(6));

        KeyValueStore<Bytes, byte[]> timers = driver.getKeyValueStore(ExecutionTopology.TIMERS_STORE);
        long position = ByteBuffer.wrap(timers.get(Bytes.wrap(new byte[] {'P'}))).getLong();
        assertTrue(position > T0.plusSeconds(5).toEpochMilli(), "scan position " + Instant.ofEpochMilli(position));
        assertEquals(1, completions.readValuesToList().size());
    }

    @Test
    void firesAtLeastOneTimerPerPunctuationWhenTheBudgetIsSpentAndTheRestWhenNoCommandCame() {
        drive(settings().timers(TICK, Duration.ofNanos(1)));
        deploy("w", """
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"End":true}}}""");
        start("w", "a", "{}");
        start("w", "b", "{}");
        start("w", "c", "{}");
        driver.advanceWallClockTime(Duration.ofMillis(950)); // nothing due yet
        start("w", "d", "{}"); // dated T0 as well; read within the interval, so the next punctuation keeps to the budget

        driver.advanceWallClockTime(TICK);
        int afterOne = completions.readValuesToList().size();
        driver.advanceWallClockTime(TICK.multipliedBy(2)); // no command for an interval: the timers may take all of it

        assertEquals(1, afterOne);
        assertEquals(3, completions.readValuesToList().size());
    }

    @Test
    void writesOneTransitionBatchPerAdvanceAndATaskRequestWithItsToken() {
        deploy("t", """
                {"StartAt":"P","States":{"P":{"Type":"Pass","Next":"T"},
                 "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:f","End":true}}}""");
        String arn = start("t", "e", "{\"a\":1}");

        assertEquals(1, transitions.readValuesToList().size());
        TaskRequest task = tasks.readValue();
        assertEquals("{\"a\":1}", task.getInput());
        commands.pipeInput(arn, new Command(arn, null, T0, new SendTaskSuccess(task.getTaskToken(), "{\"b\":2}")), T0);

        List<TransitionBatch> batches = transitions.readValuesToList();
        assertEquals(1, batches.size());
        assertEquals("ExecutionSucceeded", batches.get(0).getEvents().get(batches.get(0).getEvents().size() - 1).getType());
        assertEquals(ExecutionStatus.SUCCEEDED, completions.readValue().getStatus());
    }

    @Test
    void aResultOfATaskThatStartsNoExecutionWritesNothingToTheChildrenStore() {
        deploy("t", """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:f",
                 "End":true}}}""");
        String arn = start("t", "e", "{}");
        commands.pipeInput(arn, new Command(arn, null, T0, new SendTaskSuccess(tasks.readValue().getTaskToken(), "{}")), T0);

        assertEquals(ExecutionStatus.SUCCEEDED, completions.readValue().getStatus());
        // a delete of the absent link would write a tombstone to the store's changelog
        assertTrue(driver.producedTopicNames().stream().noneMatch(t -> t.contains(ExecutionTopology.CHILDREN_STORE)),
                driver.producedTopicNames()::toString);
    }

    @Test
    void rejectsAStaleTimerAsAValueWithoutWritingAnything() {
        deploy("t", """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:f",
                 "TimeoutSeconds":5,"End":true}}}""");
        String arn = start("t", "e", "{}");
        transitions.readValuesToList();

        commands.pipeInput(arn, new Command(arn, null, T0, new TimerFired("no-such-timer", T0)), T0);

        assertEquals(1, metrics.rejections());
        assertTrue(transitions.isEmpty());
        assertTrue(deadLetters.isEmpty());
    }

    @Test
    void deadLettersACommandForAnUnknownExecutionWithItsOriginalBytes() {
        String arn = "arn:aws:states:us-east-1:111111111111:execution:x:nobody";
        Command command = new Command(arn, null, T0, new TimerFired("t", T0));

        commands.pipeInput(arn, command, T0);

        DeadLetter letter = deadLetters.readValue();
        assertEquals("ExecutionDoesNotExist: Execution Does Not Exist: '" + arn + "'", letter.getReason());
        byte[] original = serdes.commands().serializer().serialize("t.commands", command);
        assertEquals(ByteBuffer.wrap(original), letter.getValue());
    }

    @Test
    void deadLettersBytesThatAreNotACommand() {
        driver.createInputTopic("t.commands", new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput("k".getBytes(), new byte[] {1, 2, 3}, T0);

        DeadLetter letter = deadLetters.readValue();
        assertTrue(letter.getReason().startsWith("Unreadable command"), letter.getReason());
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), letter.getValue());
    }

    @Test
    void aHeartbeatPushesTheHeartbeatTimeoutBack() {
        deploy("h", """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
                 "HeartbeatSeconds":2,"Parameters":{"token.$":"$$.Task.Token"},"End":true}}}""");
        String arn = start("h", "e", "{}");
        String token = tasks.readValue().getTaskToken();

        commands.pipeInput(arn, new Command(arn, null, T0.plusMillis(1500), new SendTaskHeartbeat(token)), T0);
        driver.advanceWallClockTime(Duration.ofMillis(3000));
        boolean aliveAfterThreeSeconds = completions.isEmpty();
        driver.advanceWallClockTime(Duration.ofMillis(1000));

        assertTrue(aliveAfterThreeSeconds, "timed out although a heartbeat came after 1.5 s");
        Completion completion = completions.readValue();
        assertEquals(ExecutionStatus.FAILED, completion.getStatus());
        assertEquals("States.Timeout", completion.getError());
    }

    @Test
    void anAtLeastOnceEngineRunsExpressAndRefusesStandard() {
        drive(settings().guarantee(EngineConfig.Guarantee.AT_LEAST_ONCE));
        String text = """
                {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";
        Definition standard = new Definition("s", 1, text, MachineType.STANDARD, T0, null, null);
        definitions.pipeInput("s", standard, T0);
        definitions.pipeInput("s:1", standard, T0);
        Definition express = new Definition("x", 1, text, MachineType.EXPRESS, T0, null, null);
        definitions.pipeInput("x", express, T0);
        definitions.pipeInput("x:1", express, T0);

        start("s", "e", "{}");
        String expressArn = "arn:aws:states:us-east-1:111111111111:express:x:e";
        commands.pipeInput(expressArn, new Command(expressArn, null, T0,
                new StartExecution("x", null, "e", "{}", null, null, null, null)), T0);

        assertTrue(deadLetters.readValue().getReason().startsWith("Standard executions need an engine with exactly-once"));
        assertEquals(List.of(expressArn), keys(completions.readKeyValuesToList()));
    }

    @Test
    void anExpressExecutionWithHistoryOffWritesNoTransitions() {
        drive(settings().expressHistoryLevel(HistoryLevel.OFF));
        Definition express = new Definition("x", 1, """
                {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", MachineType.EXPRESS, T0, null, null);
        definitions.pipeInput("x", express, T0);
        definitions.pipeInput("x:1", express, T0);
        String arn = "arn:aws:states:us-east-1:111111111111:express:x:e";

        commands.pipeInput(arn, new Command(arn, null, T0, new StartExecution("x", null, "e", "{}", null, null, null, null)), T0);

        assertTrue(transitions.isEmpty());
        assertEquals(ExecutionStatus.SUCCEEDED, completions.readValue().getStatus());
    }

    private static List<String> keys(List<KeyValue<String, Completion>> records) {
        return records.stream().map(kv -> kv.key).toList();
    }

    private void deploy(String name, String text) {
        engine.deploy(name, text);
    }

    private String start(String machine, String execution, String input) {
        return engine.start(machine, execution, input, T0);
    }
}
