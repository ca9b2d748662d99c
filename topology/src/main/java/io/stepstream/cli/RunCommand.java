package io.stepstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stepstream.asl.StateMachines;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.StateMachine;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepstream run}: executes a definition through Kafka and prints its history as it happens. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs one execution of a state machine through the Kafka runtime and prints its history"
                + " events, status and output. Without --bootstrap-servers it starts a Kafka broker and the engine"
                + " in this process; with it, it talks to the engine of a running `stepstream server`.",
                "Exits 0 when it succeeds, 1 when it fails, times out or is aborted, 2 on bad input."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DEFINITION", description = "The ASL definition file (JSON).")
    Path definition;

    @Option(names = "--input", paramLabel = "JSON|@FILE", description = "The execution input (default: {}).")
    String input;

    @Option(names = "--name", description = "The execution name (default: a random UUID).")
    String name;

    @Option(names = "--type", defaultValue = "STANDARD", description = "STANDARD or EXPRESS (default: ${DEFAULT-VALUE}).")
    MachineType type;

    @Option(names = "--echo-tasks", description = "Complete every Task with its own input (an in-process worker"
            + " on the task topics), so a definition can be tried out without workers.")
    boolean echoTasks;

    @Option(names = "--quiet", description = "Print only the status and the output.")
    boolean quiet;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Run on this Kafka cluster, whose engine a `stepstream server` runs (default: a broker"
                    + " and an engine started in this process).")
    String bootstrapServers;

    @Option(names = "--prefix", defaultValue = "stepstream", description = "The topic prefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--schema-registry-url", description = "The schema registry of the engine's topics, if it uses"
            + " one (as `stepstream server --schema-registry-url`).")
    String schemaRegistryUrl;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "Give up waiting for the execution after this long; 0 waits as long as it runs.")
    long timeoutSeconds;

    @Option(names = "--config", paramLabel = "FILE", description = "A JSON file with one section per plug-in"
            + " (e.g. \"connectors\") and the engine's \"taskRoutes\"; see connectors/README.md.")
    Path config;

    @Option(names = "--local", description = "Run in this process on a virtual clock, without Kafka: a Wait of"
            + " a day takes no time.")
    boolean local;

    @Override
    public Integer call() {
        String text;
        StateMachine machine;
        JsonNode executionInput;
        try {
            text = Inputs.read(definition);
            machine = StateMachines.load(text, type);
            executionInput = Inputs.json(input);
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            return Main.INVALID_INPUT;
        }
        String machineName = Inputs.machineName(definition);
        String executionName = name != null ? name : UUID.randomUUID().toString();
        if (local) {
            return new LocalRun(echoTasks, quiet).run(machine, machineName, executionName, executionInput);
        }
        try {
            return new KafkaRun(this).run(text, machineName, executionName, executionInput);
        } catch (org.apache.kafka.common.KafkaException | IllegalStateException e) {
            System.err.println("stepstream: " + e.getMessage());
            return Main.EXECUTION_FAILED;
        }
    }

    static String pretty(JsonNode node) {
        try {
            return Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
        } catch (Exception e) {
            return Json.write(node);
        }
    }
}
