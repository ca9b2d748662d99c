package io.stepstream.connectors.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code ingress} section of the configuration: topic rules, webhooks and completion routes
 * (documented in connectors/README.md, "Ingress"). Parsed once at start; a malformed section fails
 * the start with a message naming the field.
 */
record IngressSettings(List<TopicRule> topicRules, Webhooks webhooks, Completions completions) {

    /** How a record's execution is named, so a redelivered record names the same execution. */
    enum Naming { OFFSET, KEY }

    /**
     * For each record on {@code topic}, start {@code machine}.
     *
     * @param input the transform: null (the record's value), a JSONata {@code {% %}} string, a
     *     JSONPath string, or a payload template object with {@code .$} keys
     * @param groupId the consumer group; empty for {@code <prefix>.ingress.<name>}
     * @param startFrom where a new consumer group starts: {@code earliest} or {@code latest}
     */
    record TopicRule(String name, String topic, String machine, Naming naming, JsonNode input, String groupId,
                     String startFrom) {}

    /**
     * The HTTP endpoints: {@code POST /webhooks/<machine>} for each configured machine.
     *
     * @param machines machine name to whether it answers synchronously (StartSyncExecution) by default
     */
    record Webhooks(String host, int port, Duration syncTimeout, Map<String, Boolean> machines) {}

    /**
     * Executions of {@code machine} are also written to {@code topic}.
     *
     * @param json whether to write AWS-shaped JSON instead of the engine's Avro {@code Completion}
     */
    record CompletionRoute(String machine, String topic, boolean json) {}

    /**
     * The completion routes, by machine name.
     *
     * @param startFrom where the forwarder's new consumer group starts: {@code latest} or {@code earliest}
     */
    record Completions(Map<String, CompletionRoute> routes, String startFrom) {}

    static IngressSettings parse(JsonNode section) {
        JsonNode s = section == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : section;
        List<TopicRule> rules = new ArrayList<>();
        int index = 0;
        for (JsonNode r : s.path("topicRules")) {
            String where = "ingress.topicRules[" + index++ + "]";
            String topic = text(r, "topic", where, null);
            String name = text(r, "name", where, topic);
            String naming = text(r, "executionName", where, "offset");
            Naming n = switch (naming) {
                case "offset" -> Naming.OFFSET;
                case "key" -> Naming.KEY;
                default -> throw new IllegalArgumentException(where + ".executionName must be offset or key, not '"
                        + naming + "'");
            };
            rules.add(new TopicRule(name, topic, text(r, "machine", where, null), n,
                    r.has("input") ? r.get("input") : null, r.path("groupId").asText(""),
                    startFrom(r, where, "earliest")));
        }
        Webhooks webhooks = null;
        JsonNode w = s.path("webhooks");
        if (w.isObject()) {
            Map<String, Boolean> machines = new LinkedHashMap<>();
            w.path("machines").fields().forEachRemaining(e -> {
                String mode = e.getValue().path("mode").asText("async");
                if (!mode.equals("async") && !mode.equals("sync")) {
                    throw new IllegalArgumentException("ingress.webhooks.machines." + e.getKey()
                            + ".mode must be async or sync, not '" + mode + "'");
                }
                machines.put(e.getKey(), mode.equals("sync"));
            });
            webhooks = new Webhooks(w.path("host").asText("0.0.0.0"), w.path("port").asInt(8080),
                    Duration.ofSeconds(w.path("syncTimeoutSeconds").asLong(300)), Map.copyOf(machines));
        }
        Map<String, CompletionRoute> routes = new LinkedHashMap<>();
        JsonNode c = s.path("completions");
        c.path("routes").fields().forEachRemaining(e -> {
            String where = "ingress.completions.routes." + e.getKey();
            JsonNode route = e.getValue();
            String topic = route.isTextual() ? route.asText() : text(route, "topic", where, null);
            String format = route.isTextual() ? "avro" : text(route, "format", where, "avro");
            if (!format.equals("avro") && !format.equals("json")) {
                throw new IllegalArgumentException(where + ".format must be avro or json, not '" + format + "'");
            }
            routes.put(e.getKey(), new CompletionRoute(e.getKey(), topic, format.equals("json")));
        });
        Completions completions = new Completions(Map.copyOf(routes),
                startFrom(c, "ingress.completions", "latest"));
        return new IngressSettings(List.copyOf(rules), webhooks, completions);
    }

    private static String startFrom(JsonNode node, String where, String fallback) {
        String value = node.path("startFrom").asText(fallback);
        if (!value.equals("earliest") && !value.equals("latest")) {
            throw new IllegalArgumentException(where + ".startFrom must be earliest or latest, not '" + value + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String where, String fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                throw new IllegalArgumentException(where + "." + field + " is required");
            }
            return fallback;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException(where + "." + field + " must be a non-empty string");
        }
        return Objects.requireNonNull(value.asText());
    }
}
