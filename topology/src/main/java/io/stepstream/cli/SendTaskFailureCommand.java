package io.stepstream.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepstream send-task-failure}: SendTaskFailure through the server's API. */
@Command(name = "send-task-failure", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fails the Task state waiting on a task token (SendTaskFailure); its Retry and Catch apply.",
                "",
                "Exit codes: 0 sent, 2 bad arguments, 3 the API refused (InvalidToken, TaskTimedOut), 4 no server."})
final class SendTaskFailureCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "TASK_TOKEN", description = "The token the task received.")
    String taskToken;

    @Option(names = "--error", description = "The error name Retry and Catch match.")
    String error;

    @Option(names = "--cause", description = "A description of the failure.")
    String cause;

    @Override
    int run(ApiClient client) {
        ObjectNode body = Json.NODES.objectNode().put("taskToken", taskToken);
        if (error != null) {
            body.put("error", error);
        }
        if (cause != null) {
            body.put("cause", cause);
        }
        client.call("SendTaskFailure", body);
        return Main.OK;
    }
}
