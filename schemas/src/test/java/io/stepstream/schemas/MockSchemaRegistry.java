package io.stepstream.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * A tiny Confluent-compatible schema registry on the JDK's HTTP server, for tests: register,
 * look up and fetch Avro schemas. Like the real one, equal schemas share one global id across
 * subjects. It counts requests so tests can prove the clients cache.
 */
public final class MockSchemaRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final HttpServer server;
    private final Map<Schema, Integer> ids = new LinkedHashMap<>();
    private final Map<Integer, Schema> schemas = new LinkedHashMap<>();
    private final Map<String, List<Integer>> subjects = new LinkedHashMap<>();
    private final AtomicInteger registrations = new AtomicInteger();
    private final AtomicInteger fetches = new AtomicInteger();
    private final List<String> authorizations = new ArrayList<>();

    private MockSchemaRegistry(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a registry on a free port of the loopback interface. */
    public static MockSchemaRegistry start() {
        try {
            return new MockSchemaRegistry(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Registers a schema as a producer would, and returns its id. */
    public synchronized int register(String subject, Schema schema) {
        int id = ids.computeIfAbsent(schema, s -> ids.size() + 1);
        schemas.put(id, schema);
        List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    /** How many POST /subjects/{s}/versions requests arrived. */
    public int registrations() {
        return registrations.get();
    }

    /** How many GET /schemas/ids/{id} requests arrived. */
    public int fetches() {
        return fetches.get();
    }

    /** The Authorization header of every request, in order (empty string when absent). */
    public synchronized List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            synchronized (this) {
                authorizations.add(auth == null ? "" : auth);
            }
            String[] path = exchange.getRequestURI().getRawPath().substring(1).split("/");
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.length == 3 && path[0].equals("subjects") && path[2].equals("versions")) {
                registrations.incrementAndGet();
                int id = register(decode(path[1]), schemaIn(exchange));
                reply(exchange, 200, JSON.createObjectNode().put("id", id));
            } else if (method.equals("POST") && path.length == 2 && path[0].equals("subjects")) {
                lookUp(exchange, decode(path[1]), schemaIn(exchange));
            } else if (method.equals("GET") && path.length == 3 && path[0].equals("schemas") && path[1].equals("ids")) {
                fetches.incrementAndGet();
                fetch(exchange, Integer.parseInt(path[2]));
            } else {
                reply(exchange, 404, error(404, "HTTP 404 Not Found"));
            }
        } catch (RuntimeException e) {
            reply(exchange, 422, error(42201, "Invalid schema: " + e.getMessage()));
        }
    }

    private synchronized void lookUp(HttpExchange exchange, String subject, Schema schema) throws IOException {
        Integer id = ids.get(schema);
        if (!subjects.containsKey(subject)) {
            reply(exchange, 404, error(40401, "Subject '" + subject + "' not found."));
        } else if (id == null || !subjects.get(subject).contains(id)) {
            reply(exchange, 404, error(40403, "Schema not found"));
        } else {
            reply(exchange, 200, JSON.createObjectNode().put("subject", subject).put("id", id)
                    .put("version", subjects.get(subject).indexOf(id) + 1).put("schema", schema.toString()));
        }
    }

    private synchronized void fetch(HttpExchange exchange, int id) throws IOException {
        Schema schema = schemas.get(id);
        if (schema == null) {
            reply(exchange, 404, error(40403, "Schema " + id + " not found"));
        } else {
            reply(exchange, 200, JSON.createObjectNode().put("schema", schema.toString()));
        }
    }

    private static Schema schemaIn(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        return new Schema.Parser().parse(body.path("schema").asText());
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }
}
