package io.stepstream.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import io.stepstream.connectors.Connector;
import io.stepstream.connectors.ConnectorContext;
import io.stepstream.connectors.ConnectorException;
import io.stepstream.connectors.TaskInvocation;
import io.stepstream.connectors.TaskOutcome;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * The HTTP Task ({@code arn:aws:states:::http:invoke}) on {@link HttpClient}: Parameters
 * {@code ApiEndpoint}, {@code Method}, {@code Headers}, {@code QueryParameters}, {@code RequestBody},
 * {@code Transform} and {@code Authentication.ConnectionArn} (a connection from the configuration
 * whose headers and query parameters are added, as an EventBridge connection adds credentials).
 * The result is AWS's {@code {Headers, ResponseBody, StatusCode, StatusText}}; a status outside
 * 2xx fails the task with {@code States.Http.StatusCode.NNN} and the status text as cause; no
 * answer within the timeout (60 s, AWS's hard limit, by default) is {@code States.Http.Socket}.
 * Only endpoints the allow-list permits are called.
 */
public final class HttpConnector implements Connector {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    private final List<Pattern> allowed;
    private final Duration timeout;
    private final Map<String, JsonNode> connections;
    private final HttpClient http;

    /**
     * @param allow endpoint patterns ({@code *} matches any text; e.g. {@code https://api.example.com/*},
     *     {@code http://127.0.0.1:*}); an endpoint no pattern matches is refused
     * @param connections by ConnectionArn: {@code {"Headers": {...}, "QueryParameters": {...}}}
     */
    public HttpConnector(List<String> allow, Duration timeout, Map<String, JsonNode> connections) {
        this.allowed = allow.stream().map(HttpConnector::glob).toList();
        this.timeout = timeout;
        this.connections = Map.copyOf(connections);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** From configuration: {@code {"allow": [...], "timeoutSeconds": 60, "connections": {...}}}. */
    public HttpConnector(ConnectorContext context) {
        this(strings(context.settings().path("allow")),
                Duration.ofSeconds(context.settings().path("timeoutSeconds").asLong(60)),
                objects(context.settings().path("connections")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, JsonNode> objects(JsonNode object) {
        Map<String, JsonNode> out = new HashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    @Override
    public CompletionStage<TaskOutcome> invoke(TaskInvocation task) throws ConnectorException {
        HttpRequest request = request(task.input());
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> error != null ? failure(error) : outcome(response));
    }

    HttpRequest request(JsonNode p) throws ConnectorException {
        String endpoint = required(p, "ApiEndpoint");
        String method = required(p, "Method").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new ConnectorException("States.Runtime", "The Method '" + method + "' is not supported; use one of "
                    + new java.util.TreeSet<>(METHODS));
        }
        JsonNode connection = null;
        String connectionArn = p.path("Authentication").path("ConnectionArn").asText(null);
        if (connectionArn != null) {
            connection = connections.get(connectionArn);
            if (connection == null) {
                throw new ConnectorException("States.Runtime", "The connection '" + connectionArn + "' is not configured");
            }
        }
        Map<String, JsonNode> query = new TreeMap<>();
        p.path("QueryParameters").fields().forEachRemaining(e -> query.put(e.getKey(), e.getValue()));
        if (connection != null) {
            connection.path("QueryParameters").fields().forEachRemaining(e -> query.put(e.getKey(), e.getValue()));
        }
        URI uri = uri(endpoint, query);
        String target = uri.getScheme() + "://" + uri.getAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
        if (allowed.stream().noneMatch(a -> a.matcher(target).matches())) {
            throw new ConnectorException("States.Permissions", "The ApiEndpoint '" + endpoint
                    + "' is not permitted by the HTTP connector's allow-list");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
        boolean contentType = false;
        for (JsonNode headers : new JsonNode[] {p.path("Headers"), connection == null ? null : connection.path("Headers")}) {
            if (headers == null) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                b.setHeader(h.getKey(), h.getValue().isValueNode() ? h.getValue().asText() : Json.write(h.getValue()));
                contentType |= h.getKey().equalsIgnoreCase("Content-Type");
            }
        }
        JsonNode body = p.get("RequestBody");
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (body != null && !body.isNull()) {
            JsonNode transform = p.path("Transform");
            if ("URL_ENCODED".equals(transform.path("RequestBodyEncoding").asText())) {
                FormEncoding.ArrayFormat format = FormEncoding.ArrayFormat.valueOf(
                        transform.path("RequestEncodingOptions").path("ArrayFormat").asText("INDICES"));
                publisher = HttpRequest.BodyPublishers.ofString(FormEncoding.encode(body, format));
                if (!contentType) {
                    b.setHeader("Content-Type", "application/x-www-form-urlencoded");
                }
            } else {
                publisher = HttpRequest.BodyPublishers.ofString(body.isTextual() ? body.asText() : Json.write(body));
                if (!contentType) {
                    b.setHeader("Content-Type", "application/json");
                }
            }
        }
        return b.method(method, publisher).build();
    }

    private static String required(JsonNode p, String field) throws ConnectorException {
        JsonNode v = p.get(field);
        if (v == null || !v.isTextual()) {
            throw new ConnectorException("States.Runtime", "The field '" + field + "' is required but was missing");
        }
        return v.asText();
    }

    private static URI uri(String endpoint, Map<String, JsonNode> query) throws ConnectorException {
        StringBuilder s = new StringBuilder(endpoint);
        String separator = endpoint.contains("?") ? "&" : "?";
        for (Map.Entry<String, JsonNode> e : query.entrySet()) {
            List<JsonNode> values = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(values::add);
            } else {
                values.add(e.getValue());
            }
            for (JsonNode v : values) {
                s.append(separator).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v.isValueNode() ? v.asText() : Json.write(v), StandardCharsets.UTF_8));
                separator = "&";
            }
        }
        try {
            URI uri = URI.create(s.toString());
            if (uri.getScheme() == null || uri.getHost() == null) {
                // caught below: an endpoint that is not an absolute URL
                throw new IllegalArgumentException("not an absolute URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConnectorException("States.Runtime", "The ApiEndpoint '" + endpoint + "' is not a valid URL");
        }
    }

    private static TaskOutcome outcome(HttpResponse<String> response) {
        int status = response.statusCode();
        String text = StatusTexts.of(status);
        if (status / 100 != 2) {
            return TaskOutcome.failed("States.Http.StatusCode." + status, text);
        }
        ObjectNode result = Json.NODES.objectNode();
        ObjectNode headers = result.putObject("Headers");
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                var array = headers.putArray(name);
                values.forEach(array::add);
            }
        });
        String body = response.body() == null ? "" : response.body();
        boolean json = response.headers().firstValue("Content-Type").map(t -> t.toLowerCase(Locale.ROOT).contains("json"))
                .orElse(false);
        JsonNode parsed = Json.NODES.textNode(body);
        if (json && !body.isBlank()) {
            try {
                parsed = Json.parse(body);
            } catch (RuntimeException notJson) {
                // keep the text, as AWS does for a body its content type misdescribes
            }
        }
        result.set("ResponseBody", parsed);
        result.put("StatusCode", status);
        result.put("StatusText", text);
        return TaskOutcome.succeeded(result);
    }

    private static TaskOutcome failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException) {
            return TaskOutcome.failed("States.Http.Socket", "The HTTP request timed out: " + cause.getMessage());
        }
        return TaskOutcome.failed("States.Http.Socket", "The HTTP request failed: " + cause);
    }
}
