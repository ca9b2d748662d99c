package io.stepstream.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.model.Resource;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One task request as a connector sees it.
 *
 * @param executionArn the execution the task belongs to; never null
 * @param taskToken the token that completes the task; never null
 * @param idempotencyKey {@code executionArn/state/taskId/attempt}: the same for a redelivered request,
 *     new for every Retry attempt and Map iteration; never null
 * @param resource the Task's Resource; never null
 * @param input the effective input (after InputPath and Parameters/Arguments); never null
 * @param timeoutSeconds the Task's TimeoutSeconds; null when it has none
 * @param heartbeatSeconds the Task's HeartbeatSeconds; null when it has none
 * @param scheduledAt when the engine dispatched it; never null
 * @param headers the task record's Kafka headers (as UTF-8 text); never null
 * @param heartbeats sends SendTaskHeartbeat for this task; never null
 */
public record TaskInvocation(String executionArn, String taskToken, String idempotencyKey, Resource resource,
                             JsonNode input, Long timeoutSeconds, Long heartbeatSeconds, Instant scheduledAt,
                             Map<String, String> headers, Runnable heartbeats) {

    public TaskInvocation {
        Objects.requireNonNull(executionArn, "executionArn");
        Objects.requireNonNull(taskToken, "taskToken");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(input, "input");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(heartbeats, "heartbeats");
    }

    /** Tells the engine the task is alive (resets HeartbeatSeconds). */
    public void heartbeat() {
        heartbeats.run();
    }

    /** The region of the execution's ARN ({@code arn:aws:states:REGION:...}). */
    public String region() {
        String[] parts = executionArn.split(":");
        return parts.length > 3 ? parts[3] : "";
    }

    /** The account of the execution's ARN. */
    public String account() {
        String[] parts = executionArn.split(":");
        return parts.length > 4 ? parts[4] : "";
    }
}
