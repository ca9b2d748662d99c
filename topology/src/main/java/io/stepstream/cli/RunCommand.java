package io.stepstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stepstream.asl.StateMachines;
import io.stepstream.asl.engine.ExecutionStatus;
import io.stepstream.asl.engine.HistoryEvent;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.local.LocalExecution;
import io.stepstream.asl.local.LocalRunner;
import io.stepstream.asl.local.LocalTaskHandler;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.StateMachine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepstream run}: executes a definition and prints its history as it happens. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs one execution of a state machine and prints its history events, status and output.",
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

    @Option(names = "--echo-tasks", description = "Complete every Task with its own input, so a definition "
            + "whose tasks have no handler here can still be tried out.")
    boolean echoTasks;

    @Option(names = "--quiet", description = "Print only the status and the output.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        StateMachine machine;
        JsonNode executionInput;
        try {
            machine = StateMachines.load(Inputs.read(definition), type);
            executionInput = Inputs.json(input);
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            return Main.INVALID_INPUT;
        }
        LocalRunner runner = new LocalRunner();
        if (echoTasks) {
            runner.fallback(task -> LocalTaskHandler.succeeded(task.input()));
        } else {
            runner.fallback(task -> LocalTaskHandler.failed("States.TaskFailed", "No handler for resource '"
                    + task.resource().arn() + "' in an in-process run; try --echo-tasks"));
        }
        if (!quiet) {
            runner.listener(e -> out.println(format(e)));
        }
        String executionName = name != null ? name : UUID.randomUUID().toString();
        LocalExecution execution = runner.start(machine, Inputs.machineName(definition), executionName,
                executionInput, System.currentTimeMillis());
        ExecutionStatus status = execution.status();
        if (status == ExecutionStatus.RUNNING) {
            out.println("RUNNING: waiting for task callbacks " + execution.pendingTaskTokens());
            return Main.EXECUTION_FAILED;
        }
        out.println(status);
        if (status == ExecutionStatus.SUCCEEDED) {
            out.println(pretty(execution.output()));
            return Main.OK;
        }
        var error = execution.error();
        out.println("error: " + (error == null ? null : error.error()));
        out.println("cause: " + (error == null ? null : error.cause()));
        return Main.EXECUTION_FAILED;
    }

    private static String format(HistoryEvent e) {
        return String.format("%5d  %-26s %s  %s", e.id(), e.type(), Instant.ofEpochMilli(e.timestamp()),
                Json.write(e.details()));
    }

    private static String pretty(JsonNode node) {
        try {
            return Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
        } catch (Exception e) {
            return Json.write(node);
        }
    }
}
