package io.stepstream.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which task topic ({@code <prefix>.tasks.<queue>}) a Task's Resource goes to: the first route whose
 * pattern matches the whole Resource ARN names the queue; nothing matching goes to {@link #DEFAULT}.
 * Configured routes come first, then the {@link #DEFAULT_ROUTES}: an activity
 * ({@code arn:aws:states:region:account:activity:NAME}) has its own queue named after it, so its
 * workers read only its work, like GetActivityTask; Lambda, HTTP, SNS, SQS, EventBridge and Kafka
 * resources go to one queue per connector (see connectors/README.md).
 */
public final class TaskQueues {
    public static final String DEFAULT = "default";

    /**
     * One routing rule.
     *
     * @param resource matched against the whole Resource ARN; never null
     * @param queue the queue, where {@code $1}... stand for the pattern's groups; never null
     */
    public record Route(Pattern resource, String queue) {
        public Route {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(queue, "queue");
        }

        public static Route of(String resourceRegex, String queue) {
            return new Route(Pattern.compile(resourceRegex), queue);
        }

        /** The queue of {@code arn}, or null when this route does not match it. */
        String queueOf(String arn) {
            Matcher m = resource.matcher(arn);
            return m.matches() ? m.replaceFirst(queue) : null;
        }
    }

    private static final String CALLBACK = "(\\.waitForTaskToken)?";

    /** The built-in routes, applied after the configured ones. */
    public static final List<Route> DEFAULT_ROUTES = List.of(
            Route.of("arn:[^:]+:states:[^:]*:[^:]*:activity:([A-Za-z0-9_-]+)", "$1"),
            Route.of("arn:[^:]+:lambda:[^:]*:[^:]*:function:.+", "lambda"),
            Route.of("arn:[^:]+:states:::lambda:invoke" + CALLBACK, "lambda"),
            Route.of("arn:[^:]+:states:::http:invoke", "http"),
            Route.of("arn:[^:]+:states:::sns:publish" + CALLBACK, "sns"),
            Route.of("arn:[^:]+:states:::sqs:sendMessage" + CALLBACK, "sqs"),
            Route.of("arn:[^:]+:states:::events:putEvents" + CALLBACK, "events"),
            Route.of("arn:stepstream:states:::kafka:produce" + CALLBACK, "kafka"));

    private static final TaskQueues DEFAULTS = new TaskQueues(List.of());
    /** The most Resource ARNs {@link #queue} remembers; a definition's Resources are literals, so a few. */
    private static final int REMEMBERED = 10_000;

    private final List<Route> routes;
    /**
     * Resource ARN to queue: matching the routes' regular expressions for every task request took
     * 2.4 % of bench (b)'s stream thread.
     */
    private final Map<String, String> byResource = new ConcurrentHashMap<>();

    private TaskQueues(List<Route> configured) {
        List<Route> all = new ArrayList<>(configured);
        all.addAll(DEFAULT_ROUTES);
        this.routes = List.copyOf(all);
    }

    /** The configured routes followed by the defaults. */
    public static TaskQueues of(List<Route> configured) {
        return configured.isEmpty() ? DEFAULTS : new TaskQueues(configured);
    }

    public static TaskQueues defaults() {
        return DEFAULTS;
    }

    /** The queue of a Resource ARN: the first matching route's, else {@link #DEFAULT}. */
    public String queue(String resourceArn) {
        String queue = byResource.get(resourceArn);
        if (queue == null) {
            queue = route(resourceArn);
            if (byResource.size() < REMEMBERED) {
                byResource.put(resourceArn, queue);
            }
        }
        return queue;
    }

    private String route(String resourceArn) {
        for (Route route : routes) {
            String queue = route.queueOf(resourceArn);
            if (queue != null) {
                return queue;
            }
        }
        return DEFAULT;
    }

    /**
     * The queues known without a definition: {@link #DEFAULT} and those of the routes that name a
     * fixed queue (not {@code $1}), which the engine creates on start so workers can subscribe at once.
     */
    public Set<String> fixedQueues() {
        Set<String> queues = new TreeSet<>(Set.of(DEFAULT));
        for (Route route : routes) {
            if (!route.queue().contains("$")) {
                queues.add(route.queue());
            }
        }
        return queues;
    }

    /** The queues the Task states of a definition (nested branches and Map processors included) use. */
    public Set<String> queues(JsonNode definition) {
        Set<String> queues = new TreeSet<>();
        collect(definition, queues);
        return queues;
    }

    private void collect(JsonNode node, Set<String> queues) {
        if (node == null) {
            return;
        }
        if (node.isObject() && "Task".equals(node.path("Type").asText()) && node.path("Resource").isTextual()) {
            queues.add(queue(node.get("Resource").asText()));
        }
        if (node.isContainerNode()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                collect(it.next().getValue(), queues);
            }
            if (node.isArray()) {
                node.forEach(child -> collect(child, queues));
            }
        }
    }
}
