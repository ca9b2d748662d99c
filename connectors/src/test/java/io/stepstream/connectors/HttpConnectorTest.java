package io.stepstream.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.ExecutionStatus;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP Task through the connectors plug-in, against a real broker and a real HTTP server. */
@ExtendWith(KafkaBrokerExtension.class)
class HttpConnectorTest {
    private static final String HTTP = "arn:aws:states:::http:invoke";
    private static FakeServer api;
    private static TestEngine engine;

    @BeforeAll
    static void start(Broker broker) {
        api = new FakeServer(request -> switch (request.path()) {
            case "/orders" -> new FakeServer.Reply(200, Map.of("Content-Type", "application/json", "X-Seen",
                    request.headers().getOrDefault("X-api-key", java.util.List.of("none")).get(0)),
                    "{\"query\":\"" + request.query() + "\",\"method\":\"" + request.method() + "\"}");
            case "/form" -> new FakeServer.Reply(201, Map.of("Content-Type", "text/plain"), request.body());
            case "/slow" -> {
                Thread.sleep(4000);
                yield new FakeServer.Reply(200, Map.of(), "");
            }
            default -> new FakeServer.Reply(404, Map.of("Content-Type", "application/json"), "{\"message\":\"nope\"}");
        });
        engine = TestEngine.start(broker, "http-test", """
                {"http": {"allow": ["%s/*"], "timeoutSeconds": 2,
                  "connections": {"arn:aws:events:us-east-1:111111111111:connection/orders/x":
                                  {"Headers": {"X-Api-Key": "secret"}}}}}""".formatted(api.url()));
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
        api.close();
    }

    private static String call(String parameters) {
        return TestEngine.task(HTTP, "\"Parameters\":" + parameters);
    }

    @Test
    void aGetReturnsHeadersTheParsedJsonBodyAndTheStatus() throws Exception {
        JsonNode out = TestEngine.output(engine.run(call("""
                {"ApiEndpoint":"%s/orders","Method":"GET","QueryParameters":{"id.$":"$.id","tag":["a","b"]},
                 "Authentication":{"ConnectionArn":"arn:aws:events:us-east-1:111111111111:connection/orders/x"}}"""
                .formatted(api.url())), "{\"id\":7}"));
        assertEquals(200, out.get("StatusCode").asInt());
        assertEquals("OK", out.get("StatusText").asText());
        assertEquals("GET", out.at("/ResponseBody/method").asText());
        assertEquals("id=7&tag=a&tag=b", out.at("/ResponseBody/query").asText());
        assertEquals("secret", out.at("/Headers/X-seen/0").asText(out.at("/Headers/x-seen/0").asText()));
        assertTrue(out.get("Headers").isObject());
    }

    @Test
    void aUrlEncodedBodyEncodesArraysAsConfigured() throws Exception {
        JsonNode out = TestEngine.output(engine.run(call("""
                {"ApiEndpoint":"%s/form","Method":"POST","RequestBody":{"name":"a b","ids":[1,2]},
                 "Transform":{"RequestBodyEncoding":"URL_ENCODED","RequestEncodingOptions":{"ArrayFormat":"BRACKETS"}}}"""
                .formatted(api.url())), "{}"));
        assertEquals(201, out.get("StatusCode").asInt());
        assertEquals("Created", out.get("StatusText").asText());
        assertEquals("name=a+b&ids%5B%5D=1&ids%5B%5D=2", out.get("ResponseBody").asText());
        assertEquals("application/x-www-form-urlencoded",
                api.received.get(api.received.size() - 1).headers().get("Content-type").get(0));
    }

    @Test
    void aStatusOutsideTwoHundredsIsStatesHttpStatusCodeWithTheStatusText() throws Exception {
        Completion c = engine.run(call("{\"ApiEndpoint\":\"%s/missing\",\"Method\":\"DELETE\"}".formatted(api.url())), "{}");
        assertEquals(ExecutionStatus.FAILED, c.getStatus());
        assertEquals("States.Http.StatusCode.404", c.getError());
        assertEquals("Not Found", c.getCause());
    }

    @Test
    void anEndpointTheAllowListDoesNotPermitIsNeverCalled() throws Exception {
        int before = api.received.size();
        Completion c = engine.run(call("{\"ApiEndpoint\":\"http://127.0.0.2:1/x\",\"Method\":\"GET\"}"), "{}");
        assertEquals("States.Permissions", c.getError());
        assertTrue(c.getCause().contains("allow-list"), c.getCause());
        assertEquals(before, api.received.size());
    }

    @Test
    void noAnswerWithinTheTimeoutIsStatesHttpSocketAndCanBeRetried() throws Exception {
        String definition = """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s",
                  "Parameters":{"ApiEndpoint":"%s/slow","Method":"GET"},
                  "Catch":[{"ErrorEquals":["States.Http.Socket"],"Next":"Caught"}],"End":true},
                 "Caught":{"Type":"Pass","Result":"caught","End":true}}}""".formatted(HTTP, api.url());
        assertEquals(Json.parse("\"caught\""), TestEngine.output(engine.run(definition, "{}")));
    }

    @Test
    void aMissingApiEndpointIsStatesRuntime() throws Exception {
        Completion c = engine.run(call("{\"Method\":\"GET\"}"), "{}");
        assertEquals("States.Runtime", c.getError());
    }
}
