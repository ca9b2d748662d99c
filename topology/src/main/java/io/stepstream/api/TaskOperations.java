package io.stepstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.engine.TaskTokens;
import io.stepstream.asl.json.Json;
import io.stepstream.schemas.avro.SendTaskFailure;
import io.stepstream.schemas.avro.SendTaskHeartbeat;
import io.stepstream.schemas.avro.SendTaskSuccess;

/**
 * SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat. The token names its execution, so the
 * request goes to the instance that owns it, which checks that a Task state still waits on the
 * token (else AWS's TaskTimedOut, or TaskDoesNotExist) before sending the command.
 */
final class TaskOperations {
    private final Api api;

    TaskOperations(Api api) {
        this.api = api;
    }

    void registerWith(Dispatcher d) {
        d.register("SendTaskSuccess", c -> success(c.body()))
                .register("SendTaskFailure", c -> failure(c.body()))
                .register("SendTaskHeartbeat", c -> heartbeat(c.body()));
    }

    private JsonNode success(Body body) {
        String token = body.required("taskToken");
        String output = body.required("output");
        try {
            Json.parse(output);
        } catch (RuntimeException e) {
            throw ApiException.of("InvalidOutput", "Invalid Output: '" + e.getMessage() + "'");
        }
        api.engine().client().send(awaiting(token), new SendTaskSuccess(token, output), api.clock().instant());
        return Json.NODES.objectNode();
    }

    private JsonNode failure(Body body) {
        String token = body.required("taskToken");
        api.engine().client().send(awaiting(token), new SendTaskFailure(token, body.text("error"), body.text("cause")),
                api.clock().instant());
        return Json.NODES.objectNode();
    }

    private JsonNode heartbeat(Body body) {
        String token = body.required("taskToken");
        api.engine().client().send(awaiting(token), new SendTaskHeartbeat(token), api.clock().instant());
        return Json.NODES.objectNode();
    }

    /** The execution that waits on the token. */
    private String awaiting(String token) {
        TaskTokens.Decoded decoded = TaskTokens.decode(token);
        if (decoded == null) {
            throw ApiException.of("InvalidToken", "Invalid Token: 'Invalid token'");
        }
        var envelope = api.view().execution(decoded.executionArn());
        if (envelope == null) {
            throw ApiException.of("TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist'");
        }
        if (!ExecutionView.of(envelope).awaits(token)) {
            throw ApiException.of("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
        }
        return decoded.executionArn();
    }
}
