package io.stepstream.cli;

import io.stepstream.asl.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stepstream send-task-failure}: SendTaskFailure through the server's API. */
@Command(name = "send-task-failure", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fails the Task state waiting on a task token (SendTaskFailure); its Retry and Catch apply.",
                "",
                "Exit codes: 0 sent, 2 bad arguments, 3 the API refused (InvalidToken, TaskTimedOut), 4 no server."})
final class SendTaskFailureCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "TASK_TOKEN", description = "The token the task received.")
    String taskToken;

    @Mixin
    ErrorOptions failure;

    @Override
    int run(ApiClient client) {
        client.call("SendTaskFailure", failure.addTo(Json.NODES.objectNode().put("taskToken", taskToken)));
        return Main.OK;
    }
}
