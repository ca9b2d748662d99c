package io.stepstream.cli;

import io.stepstream.asl.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stepstream describe}: DescribeExecution through the server's API. */
@Command(name = "describe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints an execution as DescribeExecution returns it (JSON).",
                "",
                "Exit codes: 0 printed, 2 bad arguments, 3 the API refused (e.g. ExecutionDoesNotExist), "
                        + "4 no server at --endpoint."})
final class DescribeCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "EXECUTION_ARN", description = "The execution ARN (as `start` prints it).")
    String executionArn;

    @Override
    int run(ApiClient client) {
        print(client.call("DescribeExecution", Json.NODES.objectNode().put("executionArn", executionArn)));
        return Main.OK;
    }
}
