package io.stepstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.runtime.engine.EngineMetrics;
import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.runtime.engine.ExecutionTopology;
import io.stepstream.schemas.avro.Command;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.Definition;
import io.stepstream.schemas.avro.ExecutionStateEnvelope;
import io.stepstream.schemas.avro.ExecutionStatus;
import io.stepstream.schemas.avro.MachineType;
import io.stepstream.schemas.avro.StartExecution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nested executions in the processor on a driven clock (TopologyTestDriver pipes what the engine
 * writes to its own commands topic back into it): the child's name is a function of the parent's
 * dispatch, the child remembers its parent, and the parent's bookkeeping is gone once it has its answer.
 */
class NestedExecutionProcessorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String PARENT = """
            {"StartAt":"S","States":{"S":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
             "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:111111111111:stateMachine:child","Input.$":"$"},
             "End":true}}}""";
    private static final String CHILD = """
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"End":true}}}""";

    @TempDir
    Path stateDirs;
    private final EngineSerdes serdes = EngineSerdes.of(Map.of());

    /** One run of the parent in a fresh engine: the commands the engine sent itself and the parent's completion. */
    private record Run(List<KeyValue<String, Command>> commands, Completion completion, ExecutionStateEnvelope child,
                       long openLinks) {}

    private Run runParent(String input) throws Exception {
        return runParent(PARENT, input, false);
    }

    /** @param versioned publishes the child's revision 2 (a Wait of 1 s too) as its version 1 */
    private Run runParent(String parent, String input, boolean versioned) throws Exception {
        EngineConfig config = EngineConfig.builder("unused:9092").prefix("t").arnScope("us-east-1", "111111111111")
                .taskTokenSecret(7).timers(Duration.ofMillis(100), Duration.ofMillis(50))
                .stateDir(Files.createTempDirectory(stateDirs, "run")).build();
        Properties props = KafkaEngine.streamsProperties(config);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                ExecutionTopology.build(config, new EngineMetrics(), props), props, T0)) {
            TestInputTopic<String, Definition> definitions = driver.createInputTopic(config.names().definitions(),
                    new StringSerializer(), serdes.definitions().serializer());
            TestInputTopic<String, Command> commands = driver.createInputTopic(config.names().commands(),
                    new StringSerializer(), serdes.commands().serializer());
            TestOutputTopic<String, Command> sent = driver.createOutputTopic(config.names().commands(),
                    new StringDeserializer(), serdes.commands().deserializer());
            TestOutputTopic<String, Completion> completions = driver.createOutputTopic(config.names().completions(),
                    new StringDeserializer(), serdes.completions().deserializer());
            for (String[] machine : new String[][] {{"parent", parent}, {"child", CHILD}}) {
                Definition d = new Definition(machine[0], 1, machine[1], MachineType.STANDARD, T0, null, null);
                definitions.pipeInput(machine[0] + ":1", d, T0);
                definitions.pipeInput(machine[0], d, T0);
            }
            if (versioned) {
                definitions.pipeInput("child:2", new Definition("child", 2, CHILD, MachineType.STANDARD, T0, null, null), T0);
                definitions.pipeInput("child:v1", new Definition("child", 2, CHILD, MachineType.STANDARD, T0, 1, "v"), T0);
            }
            String arn = "arn:aws:states:us-east-1:111111111111:execution:parent:p1";
            commands.pipeInput(arn, new Command(arn, null, T0, new StartExecution("parent", null, "p1", input, null,
                    null, null, null)), T0);
            List<KeyValue<String, Command>> first = sent.readKeyValuesToList();
            String childArn = first.get(0).key;
            ExecutionStateEnvelope child = driver.<String, ExecutionStateEnvelope>getKeyValueStore(
                    ExecutionTopology.EXECUTIONS_STORE).get(childArn);
            driver.advanceWallClockTime(Duration.ofSeconds(2));
            List<KeyValue<String, Command>> all = new java.util.ArrayList<>(first);
            all.addAll(sent.readKeyValuesToList());
            KeyValueStore<String, String> links = driver.getKeyValueStore(ExecutionTopology.CHILDREN_STORE);
            long open;
            try (var it = links.all()) {
                open = 0;
                while (it.hasNext()) {
                    it.next();
                    open++;
                }
            }
            Completion parentEnd = completions.readKeyValuesToList().stream().filter(kv -> kv.key.equals(arn))
                    .map(kv -> kv.value).findFirst().orElse(null);
            return new Run(all, parentEnd, child, open);
        }
    }

    @Test
    void theSameDispatchNamesTheSameChildSoAReplayStartsNoSecond() throws Exception {
        Run once = runParent("{\"n\":1}");
        Run again = runParent("{\"n\":1}");

        StartExecution start = (StartExecution) once.commands().get(0).value.getCommand();
        assertEquals(once.commands().get(0).key, again.commands().get(0).key);
        assertEquals(start.getExecutionName(),
                ((StartExecution) again.commands().get(0).value.getCommand()).getExecutionName());
        assertEquals("arn:aws:states:us-east-1:111111111111:execution:child:" + start.getExecutionName(),
                once.commands().get(0).key);
        assertNotEquals("p1", start.getExecutionName());
    }

    @Test
    void aVersionArnStartsTheRevisionThatVersionPublishedAndTheChildRemembersTheVersion() throws Exception {
        Run run = runParent(PARENT.replace("stateMachine:child", "stateMachine:child:1"), "{}", true);

        StartExecution start = (StartExecution) run.commands().get(0).value.getCommand();
        assertEquals(2, start.getStateMachineVersion());
        assertEquals("arn:aws:states:us-east-1:111111111111:stateMachine:child:1", start.getStateMachineVersionArn());
        assertEquals("child:2", run.child().getDefinition());
        assertEquals(start.getStateMachineVersionArn(), run.child().getStateMachineVersionArn());
    }

    @Test
    void theChildRemembersItsParentAndReportsItsEndWhichAnswersTheParent() throws Exception {
        Run run = runParent("{\"n\":1}");

        StartExecution start = (StartExecution) run.commands().get(0).value.getCommand();
        assertEquals("arn:aws:states:us-east-1:111111111111:execution:parent:p1",
                run.child().getParentExecutionId());
        assertEquals(start.getParent().getTaskToken(), run.child().getParentTaskToken());
        assertEquals(List.of("StartExecution", "ChildExecutionFinished"), run.commands().stream()
                .map(kv -> kv.value.getCommand().getClass().getSimpleName()).toList());
        assertEquals(ExecutionStatus.SUCCEEDED, run.completion().getStatus());
        assertTrue(run.completion().getOutput().contains("\"Output\":{\"n\":1}"), run.completion().getOutput());
        assertEquals(0, run.openLinks(), "the parent forgets the child once it has its answer");
    }
}
