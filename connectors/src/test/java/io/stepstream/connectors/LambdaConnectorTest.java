package io.stepstream.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.connectors.lambda.LambdaFunction;
import io.stepstream.connectors.lambda.LambdaFunctionException;
import io.stepstream.connectors.worker.Worker;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.ExecutionStatus;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Lambda resources through the connectors plug-in, against a real broker and a real Invoke API server. */
@ExtendWith(KafkaBrokerExtension.class)
class LambdaConnectorTest {
    private static FakeServer lambda;
    private static TestEngine engine;
    private static Worker queueWorker;
    private static final String LEGACY = "arn:aws:lambda:us-east-1:111111111111:function:";
    private static final String INVOKE = "arn:aws:states:::lambda:invoke";

    @BeforeAll
    static void start(Broker broker) {
        lambda = LambdaApi.serve(Map.<String, LambdaFunction>of(
                "double", event -> Json.NODES.numberNode(event.path("n").asInt() * 2),
                "boom", event -> {
                    throw new LambdaFunctionException("HandledError", "it went boom");
                },
                "callback", event -> {
                    // A function that answers later through the engine, as a .waitForTaskToken target does.
                    new Thread(() -> engine.engine.client().sendTaskSuccess(event.get("token").asText(),
                            "{\"approved\":true}")).start();
                    return Json.NODES.nullNode();
                }));
        engine = TestEngine.start(broker, "lambda-test", """
                {"lambda": {"functions": {
                    "double": {"endpoint": "%1$s"}, "boom": {"endpoint": "%1$s"}, "callback": {"endpoint": "%1$s"},
                    "missing": {"endpoint": "%1$s"},
                    "echo": {"class": "io.stepstream.connectors.EchoFunction"},
                    "queued": {"queue": "lambda-workers"}}}}""".formatted(lambda.url()));
        queueWorker = Worker.builder(engine.config(), engine.engine.client()).queue("lambda-workers")
                .function(task -> Json.NODES.objectNode().put("worked", task.input().path("n").asInt() + 1)
                        .put("resource", task.resource().arn()))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        queueWorker.close();
        engine.close();
        lambda.close();
    }

    @Test
    void aLegacyFunctionArnReturnsThePayloadOnly() throws Exception {
        Completion c = engine.run(TestEngine.task(LEGACY + "double", ""), "{\"n\":21}");
        assertEquals(Json.parse("42"), TestEngine.output(c));
    }

    @Test
    void lambdaInvokeWrapsThePayloadInAwsInvokeResponse() throws Exception {
        JsonNode out = TestEngine.output(engine.run(TestEngine.task(INVOKE,
                "\"Parameters\":{\"FunctionName\":\"" + LEGACY + "double\",\"Payload\":{\"n.$\":\"$.n\"}}"), "{\"n\":5}"));
        assertEquals(10, out.get("Payload").asInt());
        assertEquals("$LATEST", out.get("ExecutedVersion").asText());
        assertEquals(200, out.get("StatusCode").asInt());
        assertEquals(200, out.at("/SdkHttpMetadata/HttpStatusCode").asInt());
        assertTrue(out.at("/SdkHttpMetadata/AllHttpHeaders").isObject());
        assertTrue(out.at("/SdkHttpMetadata/HttpHeaders").isObject());
        assertTrue(out.at("/SdkResponseMetadata/RequestId").isTextual());
    }

    @Test
    void aFunctionErrorFailsTheTaskWithErrorTypeAndTheErrorBodyAsCause() throws Exception {
        for (String definition : new String[] {TestEngine.task(LEGACY + "boom", ""),
                TestEngine.task(INVOKE, "\"Parameters\":{\"FunctionName\":\"boom\",\"Payload.$\":\"$\"}")}) {
            Completion c = engine.run(definition, "{}");
            assertEquals(ExecutionStatus.FAILED, c.getStatus());
            assertEquals("HandledError", c.getError());
            JsonNode cause = Json.parse(c.getCause());
            assertEquals("it went boom", cause.get("errorMessage").asText());
            assertEquals("HandledError", cause.get("errorType").asText());
            assertTrue(cause.get("stackTrace").isArray());
        }
    }

    @Test
    void aFunctionErrorIsCaughtByItsErrorType() throws Exception {
        String definition = """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%sboom",
                  "Catch":[{"ErrorEquals":["HandledError"],"ResultPath":"$.error","Next":"Done"}],"End":true},
                 "Done":{"Type":"Pass","End":true}}}""".formatted(LEGACY);
        JsonNode out = TestEngine.output(engine.run(definition, "{}"));
        assertEquals("HandledError", out.at("/error/Error").asText());
    }

    @Test
    void anUnknownFunctionIsLambdaResourceNotFound() throws Exception {
        Completion c = engine.run(TestEngine.task(LEGACY + "missing", ""), "{}");
        assertEquals("Lambda.ResourceNotFoundException", c.getError());
        assertTrue(c.getCause().contains("Status Code: 404"), c.getCause());
        Completion unconfigured = engine.run(TestEngine.task(LEGACY + "nowhere", ""), "{}");
        assertEquals("Lambda.ResourceNotFoundException", unconfigured.getError());
    }

    @Test
    void anInProcessFunctionNamedByClassRunsAndFails() throws Exception {
        assertEquals(Json.parse("{\"echo\":{\"a\":1}}"),
                TestEngine.output(engine.run(TestEngine.task(LEGACY + "echo", ""), "{\"a\":1}")));
        Completion c = engine.run(TestEngine.task(LEGACY + "echo", ""), "{\"fail\":\"no\"}");
        assertEquals("CustomError", c.getError());
        assertEquals("no", Json.parse(c.getCause()).get("errorMessage").asText());
    }

    @Test
    void aFunctionRoutedToAWorkerQueueIsAnsweredByTheWorkerAndWrappedForLambdaInvoke() throws Exception {
        JsonNode legacy = TestEngine.output(engine.run(TestEngine.task(LEGACY + "queued", ""), "{\"n\":1}"));
        assertEquals(2, legacy.get("worked").asInt());
        assertEquals(LEGACY + "queued", legacy.get("resource").asText());
        JsonNode invoke = TestEngine.output(engine.run(TestEngine.task(INVOKE,
                "\"Parameters\":{\"FunctionName\":\"queued\",\"Payload\":{\"n\":41}}"), "{}"));
        assertEquals(42, invoke.at("/Payload/worked").asInt());
        assertEquals(200, invoke.get("StatusCode").asInt());
    }

    @Test
    void lambdaInvokeWaitForTaskTokenWaitsForTheCallback() throws Exception {
        JsonNode out = TestEngine.output(engine.run(TestEngine.task(INVOKE + ".waitForTaskToken",
                "\"Parameters\":{\"FunctionName\":\"callback\",\"Payload\":{\"token.$\":\"$$.Task.Token\"}}"), "{}"));
        assertEquals(Json.parse("{\"approved\":true}"), out);
    }
}
