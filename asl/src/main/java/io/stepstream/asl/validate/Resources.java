package io.stepstream.asl.validate;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Task {@code Resource} recognition: Lambda function ARNs, activity ARNs, optimized service
 * integrations {@code arn:aws:states:::service:api[.sync|.sync:2|.waitForTaskToken]}, AWS SDK
 * integrations, the HTTP task, and Stepstream's own {@code arn:stepstream:states:::kafka:produce}.
 */
final class Resources {

    /** What a recognised Resource is, and the integration pattern its suffix selects. */
    enum Kind { LAMBDA_FUNCTION, ACTIVITY, SERVICE }

    /** A recognised resource; {@code suffix} is "", ".sync", ".sync:2" or ".waitForTaskToken". */
    record Resource(Kind kind, String service, String suffix) {
        boolean isSync() {
            return suffix.startsWith(".sync");
        }

        boolean isCallback() {
            return suffix.equals(".waitForTaskToken");
        }
    }

    private static final String PARTITION = "arn:(?:aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b)";

    // Region and account are not checked: definitions with placeholder regions and accounts
    // are reported to deploy, and whether AWS accepts them is not recorded.
    private static final Pattern LAMBDA = Pattern.compile(
            PARTITION + ":lambda:[A-Za-z0-9-]*:[A-Za-z0-9_]*:function:[A-Za-z0-9_-]{1,64}(?::[A-Za-z0-9$_-]{1,128})?");
    private static final Pattern ACTIVITY = Pattern.compile(
            PARTITION + ":states:[A-Za-z0-9-]*:[A-Za-z0-9_]*:activity:[^:\\s]{1,80}");
    private static final Pattern SDK = Pattern.compile(
            PARTITION + ":states:::aws-sdk:([a-z0-9.-]+):([A-Za-z0-9_]+)(\\.waitForTaskToken)?");
    private static final Pattern SERVICE = Pattern.compile(
            PARTITION + ":states:::([a-z0-9-]+):([A-Za-z0-9_]+)(\\.sync:2|\\.sync|\\.waitForTaskToken)?");
    private static final Pattern KAFKA = Pattern.compile(
            "arn:stepstream:states:::(kafka):produce(\\.waitForTaskToken)?");

    /**
     * The patterns each known optimized integration supports beyond request-response
     * (AWS Developer Guide, "Integrating optimized services"). Services not listed are accepted
     * with any suffix: the list of integrations grows, and the service decides at run time.
     */
    private static final Map<String, Set<String>> PATTERNS = Map.ofEntries(
            Map.entry("lambda", Set.of(".waitForTaskToken")),
            Map.entry("sns", Set.of(".waitForTaskToken")),
            Map.entry("sqs", Set.of(".waitForTaskToken")),
            Map.entry("events", Set.of(".waitForTaskToken")),
            Map.entry("apigateway", Set.of(".waitForTaskToken")),
            Map.entry("dynamodb", Set.of()),
            Map.entry("http", Set.of()),
            Map.entry("athena", Set.of(".sync")),
            Map.entry("batch", Set.of(".sync")),
            Map.entry("codebuild", Set.of(".sync")),
            Map.entry("glue", Set.of(".sync")),
            Map.entry("databrew", Set.of(".sync")),
            Map.entry("mediaconvert", Set.of(".sync")),
            Map.entry("elasticmapreduce", Set.of(".sync")),
            Map.entry("emr-containers", Set.of(".sync")),
            Map.entry("emr-serverless", Set.of(".sync")),
            Map.entry("sagemaker", Set.of(".sync")),
            Map.entry("ecs", Set.of(".sync", ".waitForTaskToken")),
            Map.entry("eks", Set.of(".sync", ".waitForTaskToken")),
            Map.entry("bedrock", Set.of(".sync", ".waitForTaskToken")),
            Map.entry("states", Set.of(".sync", ".sync:2", ".waitForTaskToken")));

    /** The recognised resource, or null when AWS would not recognise {@code arn}. */
    static Resource recognise(String arn) {
        if (LAMBDA.matcher(arn).matches()) {
            return new Resource(Kind.LAMBDA_FUNCTION, "lambda", "");
        }
        if (ACTIVITY.matcher(arn).matches()) {
            return new Resource(Kind.ACTIVITY, "states", "");
        }
        Matcher sdk = SDK.matcher(arn);
        if (sdk.matches()) {
            return new Resource(Kind.SERVICE, "aws-sdk", suffix(sdk.group(3)));
        }
        Matcher kafka = KAFKA.matcher(arn);
        if (kafka.matches()) {
            return new Resource(Kind.SERVICE, kafka.group(1), suffix(kafka.group(2)));
        }
        Matcher service = SERVICE.matcher(arn);
        if (service.matches() && !service.group(1).equals("aws-sdk")) {
            String suffix = suffix(service.group(3));
            Set<String> supported = PATTERNS.get(service.group(1));
            boolean suffixSupported = suffix.isEmpty()
                    || (supported == null ? !suffix.equals(".sync:2") : supported.contains(suffix));
            return suffixSupported ? new Resource(Kind.SERVICE, service.group(1), suffix) : null;
        }
        return null;
    }

    /** AWS's message for a Resource it does not recognise. */
    static String notRecognised(String arn) {
        return "The resource provided " + arn + " is not recognized. The value is not a valid resource ARN,"
                + " or the resource is not available in this region.";
    }

    private static String suffix(String group) {
        return group == null ? "" : group;
    }

    private Resources() {}
}
