package io.stepstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.engine.ExecutionInfo;
import io.stepstream.asl.engine.ExecutionStateCodec;
import io.stepstream.asl.engine.ExecutionStatus;
import io.stepstream.asl.engine.Redrivability;
import io.stepstream.asl.json.Json;
import io.stepstream.schemas.avro.ExecutionStateEnvelope;

/**
 * An execution as DescribeExecution shows it, read from the store's envelope: its fields outside
 * its frames as the interpreter's state codec reads them ({@link ExecutionStateCodec.Summary}).
 *
 * @param summary its info, status, output, error, stop and redrive fields
 * @param state the whole state JSON, for finding the tasks it waits on
 * @param definitionKey the definitions-store key ({@code name:version}) it runs
 * @param versionArn the version it was started through (directly or by an alias), else null
 * @param aliasArn the alias it was started through, else null
 */
record ExecutionView(ExecutionStateCodec.Summary summary, JsonNode state, String definitionKey, String versionArn,
                     String aliasArn) {

    static ExecutionView of(ExecutionStateEnvelope envelope) {
        JsonNode state = Json.parse(envelope.getState());
        return new ExecutionView(ExecutionStateCodec.summary(state), state, envelope.getDefinition(),
                envelope.getStateMachineVersionArn(), envelope.getStateMachineAliasArn());
    }

    private ExecutionInfo info() {
        return summary.info();
    }

    String executionArn() {
        return info().executionArn();
    }

    String name() {
        return info().name();
    }

    String stateMachineArn() {
        return info().stateMachineArn();
    }

    String stateMachineName() {
        return info().stateMachineName();
    }

    String type() {
        return info().type().name();
    }

    JsonNode input() {
        return info().input();
    }

    /** Epoch millis. */
    long startTime() {
        return info().startTime();
    }

    String status() {
        return summary.status().name();
    }

    boolean isRunning() {
        return summary.status() == ExecutionStatus.RUNNING;
    }

    /** Null unless it succeeded. */
    JsonNode output() {
        return summary.output();
    }

    /** Null unless it failed, timed out or was aborted. */
    String error() {
        return summary.error() == null ? null : summary.error().error();
    }

    /** Null unless it failed, timed out or was aborted, and may be null then too. */
    String cause() {
        return summary.error() == null ? null : summary.error().cause();
    }

    /** Epoch millis, 0 while running. */
    long stopTime() {
        return summary.stopTime();
    }

    /** How many times it was redriven (0 in states written before redrive existed). */
    int redriveCount() {
        return summary.redriveCount();
    }

    /** Epoch millis of its last redrive; 0 if never redriven. */
    long redriveTime() {
        return summary.redriveTime();
    }

    /** The client token of its last redrive; may be null. */
    String redriveToken() {
        return summary.redriveToken();
    }

    /** Why RedriveExecution would refuse it at {@code now} (AWS's redriveStatusReason); null when redrivable. */
    String redriveRefusal(long now) {
        return Redrivability.refusal(summary.status(), info().type(), startTime(), stopTime(), summary.lastEventId(),
                now);
    }

    /** True when a Task state of this execution waits on that token (at any depth of Parallel and Map). */
    boolean awaits(String taskToken) {
        return ExecutionStateCodec.awaits(state, taskToken);
    }
}
