package io.stepstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import io.stepstream.runtime.KafkaEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's AWS Step Functions endpoint: AWS JSON 1.0 over HTTP ({@code POST /},
 * {@code X-Amz-Target: AWSStepFunctions.<Operation>}, {@code application/x-amz-json-1.0}), checked
 * with Signature Version 4 when access keys are configured, answered from the engine's stores.
 * A request for a key another instance owns is forwarded there with its headers, so its signature
 * still verifies (the original host travels in {@value #FORWARDED_HOST}).
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    static final String FORWARDED_HOST = "X-Stepstream-Forwarded-Host";
    static final String LOCAL_ONLY = "X-Stepstream-Local-Only";
    private static final Set<String> UNFORWARDED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", FORWARDED_HOST.toLowerCase(), LOCAL_ONLY.toLowerCase());

    private final Server server;
    private final ServerConnector connector;
    private final Catalog catalog;
    private final Aliases aliases;
    private final Dispatcher dispatcher;
    private final SignatureCheck signatures;
    private final HttpClient peers = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiServer(KafkaEngine engine, ApiSettings settings, Clock clock) {
        Object advertised = engine.config().streamsOverrides().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        HostInfo self = advertised == null ? null : HostInfo.buildFromEndpoint(advertised.toString());
        this.catalog = new Catalog(engine.config());
        this.aliases = new Aliases(engine.config());
        Api api = new Api(engine, new EngineView(engine, self),
                new Arns(engine.config().region(), engine.config().account()), catalog, clock);
        this.dispatcher = new Dispatcher();
        new StateMachineOperations(api, aliases).registerWith(dispatcher);
        AliasOperations aliasOperations = new AliasOperations(api, aliases);
        aliasOperations.registerWith(dispatcher);
        new ExecutionOperations(api, aliasOperations).registerWith(dispatcher);
        new HistoryOperations(api).registerWith(dispatcher);
        new TaskOperations(api).registerWith(dispatcher);
        new TestStateOperation(api).registerWith(dispatcher);
        this.signatures = settings.authenticates() ? new SignatureCheck(settings.credentials(), clock) : null;
        this.server = new Server();
        this.connector = new ServerConnector(server);
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
    }

    /**
     * Starts the endpoint of a running engine. For several instances, each engine's
     * {@code application.server} (a Kafka Streams property of its config) must be the
     * {@code host:port} at which the others reach this endpoint.
     */
    public static ApiServer start(KafkaEngine engine, ApiSettings settings) {
        ApiServer api = new ApiServer(engine, settings, Clock.systemUTC());
        try {
            api.server.start();
        } catch (Exception e) {
            api.close();
            throw new IllegalStateException("Could not start the API on " + settings.host() + ":" + settings.port()
                    + ": " + e.getMessage(), e);
        }
        LOG.info("AWS Step Functions API on http://{}:{} ({})", settings.host(), api.port(),
                settings.authenticates() ? "Signature Version 4 required" : "no authentication");
        return api;
    }

    /** The port it listens on (the chosen one when started on port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    private void serve(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString();
        int status = 200;
        byte[] out;
        try {
            byte[] body = Content.Source.asInputStream(request).readAllBytes();
            Map<String, List<String>> headers = headers(request);
            if (!"POST".equals(request.getMethod()) || !"/".equals(request.getHttpURI().getPath())) {
                throw ApiException.frontEnd("UnknownOperationException", "Use POST / with an X-Amz-Target header", 404);
            }
            if (signatures != null) {
                signatures.verify(new SigV4.Request(request.getMethod(), request.getHttpURI().getPath(),
                        request.getHttpURI().getQuery(), headers, body));
            }
            String target = first(headers, "x-amz-target");
            boolean localOnly = first(headers, LOCAL_ONLY.toLowerCase()) != null;
            boolean forwarded = first(headers, FORWARDED_HOST.toLowerCase()) != null;
            Call call = new Call(Body.parse(body), localOnly, host -> Json.parse(new String(
                    forward(host, request, headers, body, true).body(), StandardCharsets.UTF_8)));
            try {
                out = Json.write(dispatcher.dispatch(target, call)).getBytes(StandardCharsets.UTF_8);
            } catch (EngineView.NotLocal notLocal) {
                if (forwarded) {
                    throw ApiException.frontEnd("ServiceUnavailable", "The key moved to " + notLocal.owner
                            + " while the request was forwarded; retry", 503);
                }
                HttpResponse<byte[]> answer = forward(notLocal.owner, request, headers, body, false);
                status = answer.statusCode();
                out = answer.body();
            }
        } catch (ApiException e) {
            status = e.status();
            out = error(e).getBytes(StandardCharsets.UTF_8);
            response.getHeaders().put("x-amzn-ErrorType", e.code());
        } catch (RuntimeException | IOException e) {
            LOG.error("Request {} failed", requestId, e);
            status = 500;
            out = error(ApiException.frontEnd("InternalFailure", String.valueOf(e), 500)).getBytes(StandardCharsets.UTF_8);
        }
        response.setStatus(status);
        response.getHeaders().put("Content-Type", CONTENT_TYPE);
        response.getHeaders().put("x-amzn-RequestId", requestId);
        response.write(true, ByteBuffer.wrap(out), callback);
    }

    static String error(ApiException e) {
        ObjectNode body = Json.NODES.objectNode();
        body.put("__type", e.type());
        body.put("message", e.getMessage());
        return Json.write(body);
    }

    /** Sends the request to another instance as it came, with the host it was signed for. */
    private HttpResponse<byte[]> forward(HostInfo host, Request request, Map<String, List<String>> headers,
                                         byte[] body, boolean localOnly) {
        HttpRequest.Builder out = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + "/"))
                .timeout(Duration.ofMinutes(6)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (!UNFORWARDED.contains(name)) {
                values.forEach(v -> out.header(name, v));
            }
        });
        out.header(FORWARDED_HOST, String.join(",", headers.getOrDefault("host", List.of())));
        if (localOnly) {
            out.header(LOCAL_ONLY, "true");
        }
        try {
            return peers.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw ApiException.frontEnd("ServiceUnavailable", "Instance " + host + " did not answer: " + e, 503);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.frontEnd("ServiceUnavailable", "Interrupted", 503);
        }
    }

    /** Headers by lower-case name; a forwarded request's host is the one its client signed. */
    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>()).add(field.getValue());
        }
        List<String> forwardedHost = headers.get(FORWARDED_HOST.toLowerCase());
        if (forwardedHost != null) {
            headers.put("host", List.of(forwardedHost.get(0)));
        }
        return headers;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Stopping the API: {}", e.toString());
        }
        catalog.close();
        aliases.close();
    }
}
