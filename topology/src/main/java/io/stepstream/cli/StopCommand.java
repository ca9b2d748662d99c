package io.stepstream.cli;

import io.stepstream.asl.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stepstream stop}: StopExecution through the server's API. */
@Command(name = "stop", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stops (aborts) a running execution (StopExecution).",
                "",
                "Exit codes: 0 stopped, 2 bad arguments, 3 the API refused, 4 no server at --endpoint."})
final class StopCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "EXECUTION_ARN", description = "The execution ARN.")
    String executionArn;

    @Mixin
    ErrorOptions failure;

    @Override
    int run(ApiClient client) {
        client.call("StopExecution", failure.addTo(Json.NODES.objectNode().put("executionArn", executionArn)));
        out().println("Stopped " + executionArn);
        return Main.OK;
    }
}
