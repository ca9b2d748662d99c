package io.stepstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.engine.ExecutionStatus;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.local.LocalExecution;
import io.stepstream.asl.local.LocalRunner;
import io.stepstream.asl.local.LocalTaskHandler;
import io.stepstream.asl.model.StateMachine;
import java.io.PrintStream;

/** {@code stepstream run --local}: the in-process interpreter on a virtual clock, no Kafka. */
final class LocalRun {
    private final boolean echoTasks;
    private final boolean quiet;

    LocalRun(boolean echoTasks, boolean quiet) {
        this.echoTasks = echoTasks;
        this.quiet = quiet;
    }

    int run(StateMachine machine, String machineName, String executionName, JsonNode input) {
        PrintStream out = System.out;
        LocalRunner runner = new LocalRunner();
        if (echoTasks) {
            runner.fallback(task -> LocalTaskHandler.succeeded(task.input()));
        } else {
            runner.fallback(task -> LocalTaskHandler.failed("States.TaskFailed", KafkaRun.noHandler(task.resource().arn())));
        }
        if (!quiet) {
            TransitionPrinter printer = new TransitionPrinter(out, System.console() != null);
            runner.listener(e -> printer.print(e.id(), e.type().name(), e.timestamp(), Json.write(e.details())));
        }
        LocalExecution execution = runner.start(machine, machineName, executionName, input, System.currentTimeMillis());
        ExecutionStatus status = execution.status();
        if (status == ExecutionStatus.RUNNING) {
            out.println("RUNNING: waiting for task callbacks " + execution.pendingTaskTokens());
            return Main.EXECUTION_FAILED;
        }
        out.println(status);
        if (status == ExecutionStatus.SUCCEEDED) {
            out.println(RunCommand.pretty(execution.output()));
            return Main.OK;
        }
        var error = execution.error();
        out.println("error: " + (error == null ? null : error.error()));
        out.println("cause: " + (error == null ? null : error.cause()));
        return Main.EXECUTION_FAILED;
    }

}
