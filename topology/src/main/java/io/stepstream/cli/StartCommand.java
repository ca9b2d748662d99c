package io.stepstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepstream start}: StartExecution through the server's API. */
@Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Starts an execution of a state machine on a running server (StartExecution) and prints its ARN.",
                "With --wait, waits until it ends and prints its status and output (an Express machine runs with "
                        + "StartSyncExecution).",
                "",
                "Exit codes: 0 started (with --wait: succeeded), 1 with --wait: failed, timed out or aborted, "
                        + "2 bad arguments, 3 the API refused (e.g. StateMachineDoesNotExist), 4 no server at --endpoint."})
final class StartCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "STATE_MACHINE", description = "A state machine name or ARN (a version ARN runs that version).")
    String machine;

    @Option(names = "--input", paramLabel = "JSON|@FILE", description = "The execution input (default: {}).")
    String input;

    @Option(names = "--name", description = "The execution name (default: a random UUID).")
    String name;

    @Option(names = "--wait", description = "Wait until the execution ends; print its status and output.")
    boolean await;

    @Override
    int run(ApiClient client) throws InterruptedException {
        ObjectNode body = Json.NODES.objectNode().put("stateMachineArn", client.machineArn(machine))
                .put("input", jsonArgument(input, "--input"));
        if (name != null) {
            body.put("name", name);
        }
        JsonNode machineInfo = client.call("DescribeStateMachine", Json.NODES.objectNode()
                .put("stateMachineArn", body.get("stateMachineArn").asText()));
        if (await && "EXPRESS".equals(machineInfo.path("type").asText())) {
            return ended(client.call("StartSyncExecution", body));
        }
        String arn = client.call("StartExecution", body).path("executionArn").asText();
        out().println(arn);
        out().flush();
        if (!await) {
            return Main.OK;
        }
        while (true) {
            JsonNode d = client.call("DescribeExecution", Json.NODES.objectNode().put("executionArn", arn));
            if (!"RUNNING".equals(d.path("status").asText())) {
                return ended(d);
            }
            Thread.sleep(250);
        }
    }

    private int ended(JsonNode d) {
        String status = d.path("status").asText();
        out().println(status);
        if (d.hasNonNull("output")) {
            out().println(d.get("output").asText());
        }
        if (d.hasNonNull("error") || d.hasNonNull("cause")) {
            out().println(d.path("error").asText("") + ": " + d.path("cause").asText(""));
        }
        out().flush();
        return "SUCCEEDED".equals(status) ? Main.OK : Main.EXECUTION_FAILED;
    }
}
