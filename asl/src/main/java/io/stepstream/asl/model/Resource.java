package io.stepstream.asl.model;

/**
 * A Task's Resource ARN, classified once: the kind decides the history event names, the
 * integration pattern decides how the task completes, the service integration what serves it.
 *
 * @param integration the service integration an {@code arn:PARTITION:states:::...} ARN names, without
 *                    its pattern's suffix ({@code states:startExecution}, {@code lambda:invoke},
 *                    {@code aws-sdk:s3:getObject}); null for a Lambda function, an activity or any other ARN
 */
public record Resource(String arn, Kind kind, Pattern pattern, String integration) {
    private static final java.util.regex.Pattern INTEGRATION =
            java.util.regex.Pattern.compile("arn:[^:]+:states:::(.+?)(?:\\.sync:2|\\.sync|\\.waitForTaskToken)?");

    /** Which family of history events AWS writes for this resource. */
    public enum Kind {
        /** {@code arn:aws:lambda:...:function:NAME}: LambdaFunction* events. */
        LAMBDA_FUNCTION,
        /** {@code arn:aws:states:...:activity:NAME}: Activity* events. */
        ACTIVITY,
        /** Service integrations, HTTP, and our own resources: Task* events. */
        SERVICE
    }

    /** The service integration pattern, chosen by the ARN's suffix. */
    public enum Pattern {
        REQUEST_RESPONSE, SYNC, SYNC_V2, WAIT_FOR_TASK_TOKEN
    }

    public static Resource parse(String arn) {
        Kind kind = Kind.SERVICE;
        if (arn.startsWith("arn:aws:lambda:") || arn.matches("arn:[^:]+:lambda:.*:function:.*")) {
            kind = Kind.LAMBDA_FUNCTION;
        } else if (arn.matches("arn:[^:]+:states:[^:]*:[^:]*:activity:.*")) {
            kind = Kind.ACTIVITY;
        }
        Pattern pattern = Pattern.REQUEST_RESPONSE;
        if (arn.endsWith(".waitForTaskToken")) {
            pattern = Pattern.WAIT_FOR_TASK_TOKEN;
        } else if (arn.endsWith(".sync:2")) {
            pattern = Pattern.SYNC_V2;
        } else if (arn.endsWith(".sync")) {
            pattern = Pattern.SYNC;
        }
        java.util.regex.Matcher integration = INTEGRATION.matcher(arn);
        return new Resource(arn, kind, pattern, integration.matches() ? integration.group(1) : null);
    }

    /** The {@code resourceType} of a TaskScheduled event, e.g. {@code lambda} for {@code arn:aws:states:::lambda:invoke}. */
    public String resourceType() {
        String[] parts = arn.split(":");
        return parts.length > 5 ? parts[5] : parts[parts.length - 1];
    }

    /** The {@code resource} of a TaskScheduled event, e.g. {@code invoke}. */
    public String resourceName() {
        String[] parts = arn.split(":", 7);
        return parts.length > 6 ? parts[6] : arn;
    }
}
