package io.stepstream.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.model.MachineType;
import java.util.Objects;

/**
 * What is fixed when an execution starts: its identity and its input.
 *
 * @param executionArn the execution id; every topic is keyed by it
 * @param roleArn may be null
 * @param startTime epoch millis of the start command
 */
public record ExecutionInfo(String executionArn, String name, String stateMachineArn, String stateMachineName,
                            String roleArn, MachineType type, JsonNode input, long startTime) {

    public ExecutionInfo {
        Objects.requireNonNull(executionArn, "executionArn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stateMachineArn, "stateMachineArn");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(type, "type");
    }

    /** ARNs in AWS's shapes for a machine and an execution name under a region and account. */
    public static ExecutionInfo of(String region, String account, String machineName, String executionName,
                                   MachineType type, JsonNode input, long startTime) {
        String machineArn = "arn:aws:states:" + region + ":" + account + ":stateMachine:" + machineName;
        String executionArn = "arn:aws:states:" + region + ":" + account
                + (type == MachineType.EXPRESS ? ":express:" : ":execution:") + machineName + ":" + executionName;
        String roleArn = "arn:aws:iam::" + account + ":role/" + machineName + "-role";
        return new ExecutionInfo(executionArn, executionName, machineArn, machineName, roleArn, type, input, startTime);
    }
}
