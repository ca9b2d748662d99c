package io.stepstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.engine.ExecutionInfo;
import io.stepstream.asl.engine.ExecutionStateCodec;
import io.stepstream.asl.engine.ExecutionStatus;
import io.stepstream.asl.engine.Redrivability;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.schemas.avro.ExecutionStateEnvelope;

/**
 * An execution as DescribeExecution shows it, read from the store's envelope (the interpreter's
 * state codec JSON: its info as the codec reads it, {@code status}, {@code output}, {@code error},
 * {@code stopTime}).
 *
 * @param output null unless it succeeded
 * @param error null unless it failed, timed out or was aborted (cause may then be null too)
 * @param stopTime epoch millis, 0 while running
 * @param definitionKey the definitions-store key ({@code name:version}) it runs
 * @param state the whole state JSON, for finding the tasks it waits on
 * @param versionArn the version it was started through (directly or by an alias), else null
 * @param aliasArn the alias it was started through, else null
 */
record ExecutionView(String executionArn, String name, String stateMachineArn, String stateMachineName, String type,
                     String status, JsonNode input, JsonNode output, String error, String cause, long startTime,
                     long stopTime, String definitionKey, JsonNode state, String versionArn, String aliasArn) {

    static ExecutionView of(ExecutionStateEnvelope envelope) {
        JsonNode s = Json.parse(envelope.getState());
        ExecutionInfo info = ExecutionStateCodec.info(s);
        JsonNode error = s.path("error");
        return new ExecutionView(info.executionArn(), info.name(), info.stateMachineArn(), info.stateMachineName(),
                info.type().name(), s.path("status").asText(), info.input(),
                s.hasNonNull("output") ? s.get("output") : null, text(error, "error"), text(error, "cause"),
                info.startTime(), s.path("stopTime").asLong(), envelope.getDefinition(), s,
                envelope.getStateMachineVersionArn(), envelope.getStateMachineAliasArn());
    }

    boolean isRunning() {
        return "RUNNING".equals(status);
    }

    /** How many times it was redriven (0 in states written before redrive existed). */
    int redriveCount() {
        return state.path("redriveCount").asInt();
    }

    /** Epoch millis of its last redrive; 0 if never redriven. */
    long redriveTime() {
        return state.path("redriveTime").asLong();
    }

    /** The client token of its last redrive; may be null. */
    String redriveToken() {
        return text(state, "redriveToken");
    }

    /** Why RedriveExecution would refuse it at {@code now} (AWS's redriveStatusReason); null when redrivable. */
    String redriveRefusal(long now) {
        return Redrivability.refusal(ExecutionStatus.valueOf(status), MachineType.valueOf(type), startTime, stopTime,
                state.path("lastEventId").asLong(), now);
    }

    /** True when a Task state of this execution waits on that token (at any depth of Parallel and Map). */
    boolean awaits(String taskToken) {
        return ExecutionStateCodec.awaits(state, taskToken);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
