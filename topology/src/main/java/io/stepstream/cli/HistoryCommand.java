package io.stepstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepstream history}: GetExecutionHistory through the server's API, optionally followed. */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints an execution's history events, one a line: id, time, type, details (JSON).",
                "With --follow, keeps printing new events as they happen until the execution ends.",
                "",
                "Exit codes: 0 printed (with --follow: the execution succeeded), 1 with --follow: it failed, "
                        + "timed out or was aborted, 2 bad arguments, 3 the API refused, 4 no server at --endpoint."})
final class HistoryCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "EXECUTION_ARN", description = "The execution ARN.")
    String executionArn;

    @Option(names = {"-f", "--follow"}, description = "Tail the history until the execution ends.")
    boolean follow;

    @Option(names = "--json", description = "Print each event as AWS's JSON instead.")
    boolean json;

    @Option(names = "--poll", paramLabel = "MILLIS", defaultValue = "250",
            description = "How often --follow asks for new events (default: ${DEFAULT-VALUE}).")
    long poll;

    @Override
    int run(ApiClient client) throws InterruptedException {
        long last = 0;
        while (true) {
            String token = null;
            String ended = null;
            do {
                ObjectNode body = Json.NODES.objectNode().put("executionArn", executionArn).put("maxResults", 1000);
                if (token != null) {
                    body.put("nextToken", token);
                }
                JsonNode page = client.call("GetExecutionHistory", body);
                for (JsonNode event : page.path("events")) {
                    long id = event.path("id").asLong();
                    if (id > last) {
                        printEvent(event);
                        last = id;
                    }
                    String type = event.path("type").asText();
                    if (type.startsWith("Execution") && !type.equals("ExecutionStarted")
                            && !type.equals("ExecutionRedriven")) {
                        ended = type;
                    }
                }
                token = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
            } while (token != null);
            out().flush();
            if (!follow) {
                return Main.OK;
            }
            if (ended != null) {
                return ended.equals("ExecutionSucceeded") ? Main.OK : Main.EXECUTION_FAILED;
            }
            Thread.sleep(poll);
        }
    }

    private void printEvent(JsonNode event) {
        if (json) {
            out().println(Json.write(event));
            return;
        }
        StringBuilder line = new StringBuilder().append(event.path("id").asLong()).append(' ')
                .append(Instant.ofEpochMilli(Math.round(event.path("timestamp").asDouble() * 1000))).append(' ')
                .append(event.path("type").asText());
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().endsWith("EventDetails")) {
                line.append(' ').append(Json.write(field.getValue()));
            }
        }
        out().println(line);
    }
}
