package io.stepstream.connectors.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.client.EngineClient;
import io.stepstream.runtime.client.ExecutionOutcome;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.StartExecution;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Webhook ingress: {@code POST /webhooks/<machine>} with the execution input as the body starts an
 * execution of a configured machine. Asynchronously it answers as StartExecution does
 * ({@code {executionArn, startDate}}); synchronously ({@code ?sync=true}, or the machine's configured
 * mode; Express machines only) it waits for the end and answers as StartSyncExecution does. The
 * execution name is {@code ?name=}, else the {@code Idempotency-Key} header, else a random UUID, so
 * a sender that retries with the same key starts one execution. Errors answer 400 with AWS's
 * {@code {"__type": ..., "message": ...}}.
 */
final class WebhookServer implements AutoCloseable {
    private static final String PREFIX = "/webhooks/";

    private final IngressSettings.Webhooks settings;
    private final EngineConfig config;
    private final EngineClient client;
    private final Server server;
    private final ServerConnector connector;

    WebhookServer(IngressSettings.Webhooks settings, EngineConfig config, EngineClient client) throws Exception {
        this.settings = settings;
        this.config = config;
        this.client = client;
        this.server = new Server();
        this.connector = new ServerConnector(server);
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Answer answer = answer(request);
                response.setStatus(answer.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                Content.Sink.write(response, true, Json.write(answer.body()), callback);
                return true;
            }
        });
        server.start();
    }

    /** The port it listens on (the configured one, or the one the system chose for port 0). */
    int port() {
        return connector.getLocalPort();
    }

    private record Answer(int status, JsonNode body) {
        static Answer error(int status, String type, String message) {
            return new Answer(status, Json.NODES.objectNode().put("__type", type).put("message", message));
        }
    }

    private Answer answer(Request request) throws Exception {
        // Read the body first, whatever the answer: a connection whose request body is left unread
        // is closed after the response, which a client reusing it sees as a dropped request.
        String body = Content.Source.asString(request);
        String path = Request.getPathInContext(request);
        if (!path.startsWith(PREFIX) || path.length() == PREFIX.length()) {
            return Answer.error(404, "NotFound", "POST /webhooks/<state machine name>");
        }
        if (!"POST".equals(request.getMethod())) {
            return Answer.error(405, "MethodNotAllowed", "Use POST");
        }
        String machine = path.substring(PREFIX.length());
        Boolean syncByDefault = settings.machines().get(machine);
        Optional<MachineType> type = client.machineType(machine);
        if (syncByDefault == null || type.isEmpty()) {
            return Answer.error(400, "StateMachineDoesNotExist", "State Machine Does Not Exist: '"
                    + machineArn(machine) + "'");
        }
        String input;
        try {
            input = Json.write(body == null || body.isBlank() ? Json.NODES.objectNode() : Json.parse(body));
        } catch (RuntimeException e) {
            return Answer.error(400, "InvalidExecutionInput", "Invalid State Machine Execution Input: '"
                    + e.getMessage() + "'");
        }
        Fields query = Request.extractQueryParameters(request);
        String name = query.getValue("name");
        if (name == null) {
            name = request.getHeaders().get("Idempotency-Key");
        }
        name = name == null ? UUID.randomUUID().toString() : ExecutionNames.valid(name);
        String syncParam = query.getValue("sync");
        boolean sync = syncParam == null ? syncByDefault : Boolean.parseBoolean(syncParam);
        if (sync && type.get() != MachineType.EXPRESS) {
            return Answer.error(400, "StateMachineTypeNotSupported",
                    "This operation is not supported by this type of state machine");
        }
        String arn = client.executionArn(machine, name, type.get());
        Instant startDate = Instant.now();
        client.send(arn, new StartExecution(machine, null, name, input, null, null, null, null), startDate);
        if (!sync) {
            return new Answer(200, Json.NODES.objectNode().put("executionArn", arn)
                    .put("startDate", seconds(startDate.toEpochMilli())));
        }
        ExecutionOutcome outcome;
        try {
            outcome = client.awaitOutcome(arn, settings.syncTimeout());
        } catch (IllegalStateException timeout) {
            return Answer.error(504, "Timeout", "No outcome for " + arn + " within " + settings.syncTimeout());
        }
        if (outcome.isRejected()) {
            String reason = outcome.rejection();
            int colon = reason.indexOf(": ");
            return colon > 0 ? Answer.error(400, reason.substring(0, colon), reason.substring(colon + 2))
                    : Answer.error(400, "ValidationException", reason);
        }
        return new Answer(200, syncResponse(outcome.completion(), machine, input));
    }

    /** StartSyncExecution's response: camelCase, dates as epoch seconds as the AWS JSON protocol writes them. */
    private ObjectNode syncResponse(Completion c, String machine, String input) {
        ObjectNode o = Json.NODES.objectNode().put("executionArn", c.getExecutionId())
                .put("stateMachineArn", machineArn(machine)).put("name", c.getExecutionName())
                .put("startDate", seconds(c.getStartDate().toEpochMilli()))
                .put("stopDate", seconds(c.getStopDate().toEpochMilli()))
                .put("status", c.getStatus().name());
        if (c.getError() != null) {
            o.put("error", c.getError());
        }
        if (c.getCause() != null) {
            o.put("cause", c.getCause());
        }
        o.put("input", input);
        o.putObject("inputDetails").put("included", true);
        if (c.getOutput() != null) {
            o.put("output", c.getOutput());
            o.putObject("outputDetails").put("included", true);
        }
        return o;
    }

    private String machineArn(String machine) {
        return "arn:aws:states:" + config.region() + ":" + config.account() + ":stateMachine:" + machine;
    }

    private static BigDecimal seconds(long millis) {
        return BigDecimal.valueOf(millis, 3);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
