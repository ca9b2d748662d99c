package io.stepstream.cli;

import io.stepstream.asl.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepstream redrive}: RedriveExecution through the server's API. */
@Command(name = "redrive", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Redrives an execution that ended FAILED, ABORTED or TIMED_OUT (RedriveExecution):",
                "it resumes from its unsuccessful states, keeping its ARN, input and the results of the",
                "states that succeeded.",
                "",
                "Exit codes: 0 redriven, 2 bad arguments, 3 the API refused (e.g. ExecutionNotRedrivable),",
                "4 no server at --endpoint."})
final class RedriveCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "EXECUTION_ARN", description = "The execution ARN.")
    String executionArn;

    @Option(names = "--client-token", paramLabel = "TOKEN",
            description = "Makes a repeated redrive with the same token (within 15 minutes) a no-op.")
    String clientToken;

    @Override
    int run(ApiClient client) {
        var body = Json.NODES.objectNode().put("executionArn", executionArn);
        if (clientToken != null) {
            body.put("clientToken", clientToken);
        }
        client.call("RedriveExecution", body);
        out().println("Redriven " + executionArn);
        return Main.OK;
    }
}
