package io.stepstream.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepstream stop}: StopExecution through the server's API. */
@Command(name = "stop", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stops (aborts) a running execution (StopExecution).",
                "",
                "Exit codes: 0 stopped, 2 bad arguments, 3 the API refused, 4 no server at --endpoint."})
final class StopCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "EXECUTION_ARN", description = "The execution ARN.")
    String executionArn;

    @Option(names = "--error", description = "The error recorded in ExecutionAborted.")
    String error;

    @Option(names = "--cause", description = "The cause recorded in ExecutionAborted.")
    String cause;

    @Override
    int run(ApiClient client) {
        ObjectNode body = Json.NODES.objectNode().put("executionArn", executionArn);
        if (error != null) {
            body.put("error", error);
        }
        if (cause != null) {
            body.put("cause", cause);
        }
        client.call("StopExecution", body);
        out().println("Stopped " + executionArn);
        return Main.OK;
    }
}
