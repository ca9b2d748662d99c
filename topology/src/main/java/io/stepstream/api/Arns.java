package io.stepstream.api;

import io.stepstream.asl.model.MachineType;

/** AWS's ARNs for the state machines and executions of one region and account. */
record Arns(String region, String account) {

    /** A state machine ARN taken apart: the machine's name and its version number or alias, if any. */
    record Machine(String name, String qualifier) {
        boolean isVersion() {
            return qualifier != null && qualifier.chars().allMatch(Character::isDigit);
        }

        boolean isAlias() {
            return qualifier != null && !isVersion();
        }
    }

    /** An execution ARN taken apart. */
    record Execution(String machine, String name, MachineType type) {}

    private String prefix() {
        return "arn:aws:states:" + region + ":" + account + ":";
    }

    String stateMachine(String name) {
        return prefix() + "stateMachine:" + name;
    }

    String version(String name, int version) {
        return stateMachine(name) + ":" + version;
    }

    String alias(String name, String alias) {
        return stateMachine(name) + ":" + alias;
    }

    String execution(String machine, String name, MachineType type) {
        return prefix() + (type == MachineType.EXPRESS ? "express:" : "execution:") + machine + ":" + name;
    }

    /** @throws ApiException InvalidArn when it is not a state machine ARN of this region and account */
    Machine machine(String arn) {
        String[] parts = parts(arn, "stateMachine");
        if (parts.length < 7 || parts.length > 8 || parts[6].isEmpty()) {
            throw invalid(arn);
        }
        return new Machine(parts[6], parts.length == 8 ? parts[7] : null);
    }

    /** @throws ApiException InvalidArn when it is not an execution ARN of this region and account */
    Execution execution(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", -1);
        if (parts.length != 8 || !(parts[5].equals("execution") || parts[5].equals("express"))) {
            throw invalid(arn);
        }
        parts(arn, parts[5]);
        return new Execution(parts[6], parts[7], parts[5].equals("express") ? MachineType.EXPRESS : MachineType.STANDARD);
    }

    private String[] parts(String arn, String resource) {
        if (arn == null || !arn.startsWith("arn:aws:states:")) {
            throw ApiException.of("InvalidArn", "Invalid Arn: 'Invalid ARN prefix: " + arn + "'");
        }
        String[] parts = arn.split(":", -1);
        if (parts.length < 6 || !parts[5].equals(resource)) {
            throw ApiException.of("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: "
                    + (parts.length > 5 ? parts[5] : "") + "'");
        }
        if (!parts[3].equals(region) || !parts[4].equals(account)) {
            throw ApiException.of("InvalidArn", "Invalid Arn: '" + arn + "' is not of region " + region
                    + " and account " + account);
        }
        return parts;
    }

    private static ApiException invalid(String arn) {
        return ApiException.of("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
    }
}
