package io.stepstream.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A client for any registry that speaks the Confluent Schema Registry REST API (Confluent,
 * Apicurio's compatibility endpoint, Karapace, Redpanda), on the JDK's HTTP client. It does not
 * cache; wrap it in {@link CachedSchemaRegistry}.
 */
public final class ConfluentSchemaRegistryClient implements SchemaRegistry {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final Optional<String> authorization;
    private final HttpClient http;

    /**
     * @param baseUrl the registry's root, e.g. {@code http://localhost:8081}
     * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or null for none
     */
    public ConfluentSchemaRegistryClient(String baseUrl, String basicAuthUserInfo) {
        this.baseUri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.authorization = Optional.ofNullable(basicAuthUserInfo).map(userInfo -> "Basic "
                + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    public int register(String subject, Schema schema) {
        return id(send(post("subjects/" + encode(subject) + "/versions", schema)));
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return id(send(post("subjects/" + encode(subject), schema)));
    }

    @Override
    public Schema schemaById(int id) {
        JsonNode body = send(request("schemas/ids/" + id).GET().build());
        try {
            return new Schema.Parser().parse(body.path("schema").asText());
        } catch (RuntimeException e) {
            throw new SchemaRegistryException("Schema id " + id + " is not an Avro schema: " + e.getMessage(),
                    200, 0, e);
        }
    }

    private static int id(JsonNode body) {
        if (!body.path("id").isInt()) {
            throw new SchemaRegistryException("The registry answered without an id: " + body, 200, 0, null);
        }
        return body.path("id").asInt();
    }

    private HttpRequest post(String path, Schema schema) {
        String body = JSON.createObjectNode().put("schema", schema.toString()).toString();
        return request(path).header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(TIMEOUT).header("Accept", ACCEPT);
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    private JsonNode send(HttpRequest request) {
        String what = request.method() + " " + request.uri();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException(what + " failed: " + e, 0, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(what + " was interrupted", 0, 0, e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new SchemaRegistryException(what + " answered " + response.statusCode() + ": "
                    + body.path("message").asText(response.body()),
                    response.statusCode(), body.path("error_code").asInt(0), null);
        }
        return body;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            // Proxies answer errors in HTML; keep the text for the message instead of failing here.
            return JSON.createObjectNode().put("message", body);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
