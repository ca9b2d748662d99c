package io.stepstream.asl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.asl.StateMachines;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.local.LocalExecution;
import io.stepstream.asl.local.LocalRunner;
import io.stepstream.asl.model.MachineType;
import org.junit.jupiter.api.Test;

class VariablesTest {
    private static LocalExecution run(String definition, String input) {
        return new LocalRunner().start(StateMachines.load(definition, MachineType.STANDARD), "m", "e",
                Json.parse(input), 0);
    }

    @Test
    void everyAssignmentOfAStateSeesTheValuesFromBeforeIt() {
        LocalExecution e = run("""
                {"QueryLanguage":"JSONata","StartAt":"A","States":{
                 "A":{"Type":"Pass","Assign":{"x":1,"y":2},"Next":"Swap"},
                 "Swap":{"Type":"Pass","Assign":{"x":"{% $y %}","y":"{% $x %}"},"Next":"Out"},
                 "Out":{"Type":"Pass","Output":{"x":"{% $x %}","y":"{% $y %}"},"End":true}}}""", "{}");
        assertEquals(Json.parse("{\"x\":2,\"y\":1}"), e.output());
    }

    @Test
    void branchesReadOuterVariablesAndTheirOwnDieWithThem() {
        LocalExecution e = run("""
                {"StartAt":"A","States":{
                 "A":{"Type":"Pass","Assign":{"outer":"o"},"Next":"P"},
                 "P":{"Type":"Parallel","Next":"After","Branches":[
                   {"StartAt":"B","States":{"B":{"Type":"Pass","Assign":{"inner":"i"},"Next":"C"},
                     "C":{"Type":"Pass","Parameters":{"outer.$":"$outer","inner.$":"$inner"},"End":true}}}]},
                 "After":{"Type":"Pass","Parameters":{"branch.$":"$[0]","outer.$":"$outer"},"End":true}}}""", "{}");
        assertEquals(Json.parse("{\"branch\":{\"outer\":\"o\",\"inner\":\"i\"},\"outer\":\"o\"}"), e.output());
    }

    @Test
    void aCatchersAssignReplacesTheStatesAndSeesTheErrorOutput() {
        LocalExecution e = run("""
                {"QueryLanguage":"JSONata","StartAt":"P","States":{
                 "P":{"Type":"Parallel","Assign":{"ok":true},"Next":"Done","Branches":[
                   {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"why"}}}],
                   "Catch":[{"ErrorEquals":["Boom"],"Assign":{"caught":"{% $states.errorOutput.Error %}"},"Next":"Done"}]},
                 "Done":{"Type":"Pass","Output":{"caught":"{% $caught %}"},"End":true}}}""", "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, e.status());
        assertEquals(Json.parse("{\"caught\":\"Boom\"}"), e.output());
    }

    @Test
    void aVariableOverTheSizeLimitFailsTheStateWithDataLimitExceeded() {
        LocalExecution e = run("""
                {"QueryLanguage":"JSONata","StartAt":"A","States":{
                 "A":{"Type":"Pass","Assign":{"big":"{% $join($map([1..30000], function($i){'0123456789'}), '') %}"},
                  "End":true}}}""", "{}");
        assertEquals(ExecutionStatus.FAILED, e.status());
        assertEquals("States.DataLimitExceeded", e.error().error());
        assertTrue(e.error().cause().contains("'big'"), e.error().cause());
    }

    @Test
    void assignedVariablesAppearInTheStateExitedEvent() {
        LocalExecution e = run("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"n":1},"End":true}}}""", "{}");
        HistoryEvent exited = e.history().stream().filter(h -> h.type() == HistoryEventType.PassStateExited)
                .findFirst().orElseThrow();
        assertEquals("1", exited.details().path("assignedVariables").path("n").asText());
    }

    @Test
    void variablesSurviveASuspensionOnAWait() {
        LocalExecution e = run("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"k":"kept"},"Next":"W"},
                 "W":{"Type":"Wait","Seconds":3600,"Next":"B"},
                 "B":{"Type":"Pass","Parameters":{"k.$":"$k"},"End":true}}}""", "{}");
        assertEquals(Json.parse("{\"k\":\"kept\"}"), e.output());
    }
}
