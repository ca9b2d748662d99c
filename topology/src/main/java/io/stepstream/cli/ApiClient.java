package io.stepstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.api.SigV4;
import io.stepstream.asl.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calls the server's Step Functions API (AWS JSON 1.0) with java.net.http, signed with Signature
 * Version 4 when keys are given. AWS's errors come back as {@link Failure}, an unreachable
 * endpoint as {@link Unreachable}.
 */
final class ApiClient {
    private final URI endpoint;
    private final String region;
    private final String accessKey;
    private final String secretKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The API answered with one of AWS's errors. */
    static final class Failure extends RuntimeException {
        final String code;

        Failure(String code, String message) {
            super(code + ": " + message);
            this.code = code;
        }
    }

    /** Nothing answered at the endpoint. */
    static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message);
        }
    }

    ApiClient(String endpoint, String region, String accessKey, String secretKey) {
        URI uri = URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
        if (uri.getHost() == null || !"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("--endpoint must be an http(s) URL, e.g. http://127.0.0.1:8083, not '"
                    + endpoint + "'");
        }
        this.endpoint = uri;
        this.region = region;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("Give both --access-key and --secret-key (or AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY), or neither");
        }
    }

    /** Calls {@code AWSStepFunctions.<operation>} with a JSON body and returns the response body. */
    JsonNode call(String operation, ObjectNode body) {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(6))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AWSStepFunctions." + operation)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (accessKey != null) {
            String host = endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
            Map<String, List<String>> signed = new TreeMap<>(Map.of("host", List.of(host),
                    "content-type", List.of("application/x-amz-json-1.0"),
                    "x-amz-target", List.of("AWSStepFunctions." + operation)));
            SigV4.sign(accessKey, secretKey, region, ZonedDateTime.now(),
                    new SigV4.Request("POST", endpoint.getRawPath(), "", signed, bytes)).forEach(request::header);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unreachable("Cannot reach the Stepstream API at " + endpoint + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "). Is `stepstream server` running"
                    + " there? Use --endpoint to point elsewhere.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("Interrupted");
        }
        JsonNode json;
        try {
            json = response.body().isEmpty() ? Json.NODES.objectNode() : Json.parse(response.body());
        } catch (RuntimeException e) {
            throw new Unreachable(endpoint + " answered HTTP " + response.statusCode()
                    + " with something that is not the Step Functions API");
        }
        if (response.statusCode() != 200) {
            String type = json.path("__type").asText("HTTP" + response.statusCode());
            throw new Failure(type.substring(type.indexOf('#') + 1), json.path("message").asText(""));
        }
        return json;
    }

    /** A state machine ARN from a name or an ARN (a name is looked up with ListStateMachines). */
    String machineArn(String nameOrArn) {
        if (nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        String token = null;
        do {
            ObjectNode body = Json.NODES.objectNode();
            if (token != null) {
                body.put("nextToken", token);
            }
            JsonNode page = call("ListStateMachines", body);
            for (JsonNode m : page.path("stateMachines")) {
                if (nameOrArn.equals(m.path("name").asText())) {
                    return m.path("stateMachineArn").asText();
                }
            }
            token = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
        } while (token != null);
        throw new Failure("StateMachineDoesNotExist", "No state machine is named '" + nameOrArn + "'");
    }
}
