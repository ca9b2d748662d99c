package io.stepstream.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which task topic ({@code <prefix>.tasks.<queue>}) a Task's Resource goes to: an activity
 * ({@code arn:aws:states:region:account:activity:NAME}) has its own queue named after it, so its
 * workers read only its work, like GetActivityTask; every other resource goes to {@link #DEFAULT}
 * until connectors route them (HTTP, Lambda, nested executions).
 */
public final class TaskQueues {
    public static final String DEFAULT = "default";
    private static final Pattern ACTIVITY = Pattern.compile("arn:[^:]+:states:[^:]*:[^:]*:activity:([A-Za-z0-9_-]+)");

    private TaskQueues() {}

    public static String queueOf(String resourceArn) {
        Matcher m = ACTIVITY.matcher(resourceArn);
        return m.matches() ? m.group(1) : DEFAULT;
    }

    /** The queues the Task states of a definition (nested branches and Map processors included) use. */
    public static Set<String> of(JsonNode definition) {
        Set<String> queues = new TreeSet<>();
        collect(definition, queues);
        return queues;
    }

    private static void collect(JsonNode node, Set<String> queues) {
        if (node == null) {
            return;
        }
        if (node.isObject() && "Task".equals(node.path("Type").asText()) && node.path("Resource").isTextual()) {
            queues.add(queueOf(node.get("Resource").asText()));
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
