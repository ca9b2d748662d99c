package io.stepstream.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.Resource;
import io.stepstream.schemas.avro.ChildExecutionFinished;
import io.stepstream.schemas.avro.ExecutionStatus;

/**
 * What a {@code .sync} parent remembers of a child it waits on (the {@code children} store's value,
 * JSON text): enough to describe the child the way DescribeExecution does when it ends, and to stop
 * it when the task is aborted.
 *
 * @param versionArn the qualified machine ARN when the Task named a version, else null
 * @param input the child's input as JSON text
 * @param startDate epoch millis
 * @param pattern {@code SYNC} or {@code SYNC_V2}; null until stored
 */
record ChildLink(String childArn, String stateMachineArn, String versionArn, String name, String input,
                 long startDate, MachineType type, Resource.Pattern pattern) {

    String toJson(Resource.Pattern pattern) {
        ObjectNode o = Json.NODES.objectNode().put("child", childArn).put("machine", stateMachineArn)
                .put("version", versionArn).put("name", name).put("input", input).put("start", startDate)
                .put("type", type.name()).put("pattern", pattern.name());
        return Json.write(o);
    }

    static ChildLink fromJson(String json) {
        JsonNode o = Json.parse(json);
        return new ChildLink(o.path("child").asText(), o.path("machine").asText(),
                o.path("version").isNull() ? null : o.path("version").asText(), o.path("name").asText(),
                o.path("input").asText(), o.path("start").asLong(), MachineType.valueOf(o.path("type").asText()),
                Resource.Pattern.valueOf(o.path("pattern").asText()));
    }

    /**
     * The child as AWS's {@code .sync} integrations report it: DescribeExecution in PascalCase, keys
     * in alphabetical order, dates in epoch millis; Input and Output as JSON text for {@code .sync},
     * as JSON for {@code .sync:2}. A child that did not succeed carries its Error and Cause and no
     * Output (this object, as text, is then the parent's {@code States.TaskFailed} cause).
     */
    JsonNode describe(ChildExecutionFinished end, long stopDate) {
        boolean parsed = pattern == Resource.Pattern.SYNC_V2;
        boolean succeeded = end.getStatus() == ExecutionStatus.SUCCEEDED;
        ObjectNode d = Json.NODES.objectNode();
        if (!succeeded && end.getCause() != null) {
            d.put("Cause", end.getCause());
        }
        if (!succeeded && end.getError() != null) {
            d.put("Error", end.getError());
        }
        d.put("ExecutionArn", childArn);
        payload(d, "Input", input, parsed);
        d.putObject("InputDetails").put("Included", true);
        d.put("Name", name);
        if (succeeded) {
            payload(d, "Output", end.getOutput() == null ? "null" : end.getOutput(), parsed);
            d.putObject("OutputDetails").put("Included", true);
        }
        if (type == MachineType.STANDARD) {
            // Redrive (Nov 2023) added these to DescribeExecution; Express executions are never redrivable.
            d.put("RedriveCount", 0);
            d.put("RedriveStatus", succeeded ? "NOT_REDRIVABLE" : "REDRIVABLE");
            if (succeeded) {
                d.put("RedriveStatusReason", "Execution is SUCCEEDED and cannot be redriven");
            }
        }
        d.put("StartDate", startDate);
        d.put("StateMachineArn", stateMachineArn);
        if (versionArn != null) {
            d.put("StateMachineVersionArn", versionArn);
        }
        d.put("Status", end.getStatus().name());
        d.put("StopDate", stopDate);
        return d;
    }

    private static void payload(ObjectNode d, String field, String json, boolean parsed) {
        if (parsed) {
            d.set(field, Json.parse(json));
        } else {
            d.put(field, json);
        }
    }
}
