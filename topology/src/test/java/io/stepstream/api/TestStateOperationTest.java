package io.stepstream.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** TestState without a server: Retry decisions, Catch, and DEBUG inspectionData. */
class TestStateOperationTest {
    private static final String RETRYING_TASK = """
            {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"Done",
             "Retry":[{"ErrorEquals":["Other"],"MaxAttempts":5},
                      {"ErrorEquals":["Boom"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":2}],
             "Catch":[{"ErrorEquals":["Other"],"Next":"Elsewhere"},{"ErrorEquals":["States.ALL"],"Next":"Handler"}]}""";

    private final Dispatcher dispatcher = new Dispatcher();

    TestStateOperationTest() {
        Api api = new Api(null, null, new Arns("us-east-1", "111111111111"), null,
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        new TestStateOperation(api).registerWith(dispatcher);
    }

    private JsonNode test(ObjectNode request) {
        return dispatcher.dispatch("AWSStepFunctions.TestState", new Call(new Body(request), false, peer -> null));
    }

    private static ObjectNode failing(String definition, Integer retries, String level) {
        ObjectNode request = Json.NODES.objectNode().put("definition", definition).put("input", "{\"a\":1}")
                .put("inspectionLevel", level);
        request.putObject("mock").putObject("errorOutput").put("error", "Boom").put("cause", "it broke");
        if (retries != null) {
            request.putObject("stateConfiguration").put("retrierRetryCount", retries);
        }
        return request;
    }

    @Test
    void anErrorAMatchingRetrierWouldRetryIsRetriableWithItsIndexAndBackoff() {
        JsonNode first = test(failing(RETRYING_TASK, null, "INFO"));
        JsonNode second = test(failing(RETRYING_TASK, 1, "INFO"));

        assertEquals("RETRIABLE", first.path("status").asText());
        assertEquals("Boom", first.path("error").asText());
        assertEquals("it broke", first.path("cause").asText());
        assertFalse(first.has("nextState"));
        assertEquals(1, first.path("inspectionData").path("errorDetails").path("retryIndex").asInt());
        assertEquals(2, first.path("inspectionData").path("errorDetails").path("retryBackoffIntervalSeconds").asInt());
        assertEquals(6, second.path("inspectionData").path("errorDetails").path("retryBackoffIntervalSeconds").asInt());
    }

    @Test
    void anErrorWhoseRetrierIsExhaustedGoesToTheCatcherThatMatches() {
        JsonNode caught = test(failing(RETRYING_TASK, 2, "INFO"));

        assertEquals("CAUGHT_ERROR", caught.path("status").asText());
        assertEquals("Handler", caught.path("nextState").asText());
        assertEquals(1, caught.path("inspectionData").path("errorDetails").path("catchIndex").asInt());
        assertEquals("{\"Error\":\"Boom\",\"Cause\":\"it broke\"}", caught.path("output").asText());
    }

    @Test
    void anExhaustedRetrierWithoutACatcherFails() {
        JsonNode failed = test(failing("""
                {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,
                 "Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":1}]}""", 1, "INFO"));

        assertEquals("FAILED", failed.path("status").asText());
        assertEquals("Boom", failed.path("error").asText());
        assertFalse(failed.has("inspectionData"));
    }

    @Test
    void debugShowsEveryStageOfAJsonPathTasksDataFlow() {
        ObjectNode request = Json.NODES.objectNode().put("inspectionLevel", "DEBUG")
                .put("input", "{\"order\":{\"id\":7},\"keep\":true}").put("definition", """
                {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","InputPath":"$.order",
                 "Parameters":{"orderId.$":"$.id"},"ResultSelector":{"total.$":"$.Payload.total"},
                 "ResultPath":"$.charged","Assign":{"charged.$":"$.Payload.total"},"End":true}""");
        request.putObject("mock").put("result", "{\"Payload\":{\"total\":12}}");

        JsonNode answer = test(request);
        JsonNode data = answer.path("inspectionData");

        assertEquals("SUCCEEDED", answer.path("status").asText());
        assertEquals("{\"order\":{\"id\":7},\"keep\":true}", data.path("input").asText());
        assertEquals("{\"id\":7}", data.path("afterInputPath").asText());
        assertEquals("{\"orderId\":7}", data.path("afterParameters").asText());
        assertEquals("{\"Payload\":{\"total\":12}}", data.path("result").asText());
        assertEquals("{\"total\":12}", data.path("afterResultSelector").asText());
        assertEquals("{\"order\":{\"id\":7},\"keep\":true,\"charged\":{\"total\":12}}",
                data.path("afterResultPath").asText());
        assertEquals("{\"charged\":12}", data.path("variables").asText());
        assertEquals(data.path("afterResultPath").asText(), answer.path("output").asText());
    }

    @Test
    void debugShowsTheArgumentsOfAJsonataState() {
        ObjectNode request = Json.NODES.objectNode().put("inspectionLevel", "DEBUG").put("input", "{\"n\":2}")
                .put("definition", """
                {"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $states.input.n * 10 %}","End":true}""");

        JsonNode answer = test(request);

        assertEquals("20", answer.path("output").asText());
        assertEquals("{\"n\":2}", answer.path("inspectionData").path("afterArguments").asText());
        assertTrue(answer.path("inspectionData").has("input"));
        assertFalse(answer.path("inspectionData").has("afterParameters"));
    }

    @Test
    void infoLeavesInspectionDataOutOnSuccess() {
        JsonNode answer = test(Json.NODES.objectNode().put("definition", """
                {"Type":"Pass","Result":1,"Next":"B"}"""));

        assertEquals("B", answer.path("nextState").asText());
        assertFalse(answer.has("inspectionData"));
    }
}
