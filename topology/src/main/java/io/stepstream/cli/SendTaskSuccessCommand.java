package io.stepstream.cli;

import io.stepstream.asl.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepstream send-task-success}: SendTaskSuccess through the server's API. */
@Command(name = "send-task-success", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Completes the Task state waiting on a task token with an output (SendTaskSuccess).",
                "",
                "Exit codes: 0 sent, 2 bad arguments, 3 the API refused (InvalidToken; TaskTimedOut: nothing waits "
                        + "on the token any more), 4 no server at --endpoint."})
final class SendTaskSuccessCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "TASK_TOKEN", description = "The token the task received.")
    String taskToken;

    @Option(names = "--output", paramLabel = "JSON|@FILE", required = true, description = "The task's result.")
    String output;

    @Override
    int run(ApiClient client) {
        client.call("SendTaskSuccess", Json.NODES.objectNode().put("taskToken", taskToken)
                .put("output", jsonArgument(output, "--output")));
        return Main.OK;
    }
}
