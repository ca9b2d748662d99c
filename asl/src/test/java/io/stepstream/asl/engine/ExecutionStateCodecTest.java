package io.stepstream.asl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.StateMachines;
import io.stepstream.asl.errors.AslError;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.StateMachine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionStateCodecTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final String PARALLEL_THEN_MAP = """
            {"StartAt":"Par","States":{
             "Par":{"Type":"Parallel","Next":"Map","Branches":[
               {"StartAt":"T1","States":{"T1":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                 "Parameters":{"t.$":"$$.Task.Token"},"HeartbeatSeconds":30,"End":true}}},
               {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"Next":"A"},
                 "A":{"Type":"Pass","Assign":{"seen.$":"$"},"End":true}}}]},
             "Map":{"Type":"Map","ItemsPath":"$[0]","MaxConcurrency":2,"End":true,
               "ItemSelector":{"i.$":"$$.Map.Item.Index"},
               "ItemProcessor":{"StartAt":"T2","States":{"T2":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f",
                 "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":1}],"End":true}}}}}}""";

    /**
     * Runs an execution twice, once keeping states in memory and once passing every state through
     * JSON: the transitions, effects and outputs must be identical.
     */
    @Test
    void anExecutionResumedFromItsEncodedStateBehavesExactlyAsOneKeptInMemory() {
        StateMachine m = StateMachines.load(PARALLEL_THEN_MAP, MachineType.STANDARD);
        List<String> inMemory = run(m, false);
        assertEquals("SUCCEEDED", inMemory.get(inMemory.size() - 1), inMemory.toString());
        assertEquals(inMemory, run(m, true));
    }

    private static List<String> run(StateMachine m, boolean throughJson) {
        Interpreter interpreter = new Interpreter();
        List<String> log = new ArrayList<>();
        java.util.Map<String, Long> timers = new java.util.TreeMap<>();
        java.util.Set<String> tasks = new java.util.TreeSet<>();
        Step step = interpreter.start(m, ExecutionInfo.of("r", "1", "m", "e", MachineType.STANDARD,
                Json.parse("{\"k\":1}"), T0));
        long now = T0;
        int round = 0;
        while (!step.next().status().isTerminal() && round++ < 50) {
            log.add(step.transitions().toString());
            log.add(step.effects().toString());
            track(step, timers, tasks);
            ExecutionState state = throughJson
                    ? ExecutionStateCodec.decode(Json.parse(ExecutionStateCodec.write(step.next())), m)
                    : step.next();
            now++;
            Event next;
            if (!tasks.isEmpty()) {
                // each task fails once (exercising Retry), then succeeds
                String task = tasks.iterator().next();
                tasks.remove(task);
                next = round % 2 == 0 ? new Event.TaskFailed(task, "Flaky", null, now)
                        : new Event.TaskSucceeded(task, Json.parse("[[1,2,3]]"), now);
            } else {
                String timer = timers.entrySet().stream().min(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
                now = Math.max(now, timers.remove(timer));
                next = new Event.TimerFired(timer, now);
            }
            step = interpreter.advance(m, state, next);
        }
        log.add(step.transitions().toString());
        log.add(String.valueOf(step.next().output()));
        log.add(step.next().status().name());
        return log;
    }

    private static void track(Step step, java.util.Map<String, Long> timers, java.util.Set<String> tasks) {
        for (Effect e : step.effects()) {
            if (e instanceof Effect.DispatchTask t) {
                tasks.add(t.taskId());
            } else if (e instanceof Effect.CancelTask t) {
                tasks.remove(t.taskId());
            } else if (e instanceof Effect.ScheduleTimer t) {
                timers.put(t.timerId(), t.dueTime());
            } else if (e instanceof Effect.CancelTimer t) {
                timers.remove(t.timerId());
            }
        }
    }

    /** A Parallel waiting on a task and a Wait, as version 1 (an earlier build's tree-building codec) wrote it. */
    private static final String VERSION_1 = """
            {"v":1,"info":{"executionArn":"arn:aws:states:r:1:execution:m:e","name":"e","stateMachineArn":"arn:a\
            ws:states:r:1:stateMachine:m","stateMachineName":"m","roleArn":"arn:aws:iam::1:role/m-role","type":"\
            STANDARD","startTime":1700000000000,"input":{"k":1}},"status":"RUNNING","output":null,"stopTime":0,"\
            sequence":3,"lastEventId":7,"executionTimerId":null,"root":{"id":"","index":-1,"state":"Par","input"\
            :{"k":1},"enteredEventId":2,"enteredTime":1700000000000,"lastEventId":3,"retryAttempts":[],"retryCou\
            nt":0,"wait":{"kind":"children"},"fanout":{"inputs":[{"k":1},{"k":1}],"results":[null,null],"maxConc\
            urrency":0,"nextToStart":2,"finished":0,"failed":0,"toleratedFailureCount":0,"toleratedFailurePercen\
            tage":0.0,"running":[{"id":"/0","index":0,"state":"T1","input":{"k":1},"enteredEventId":4,"enteredTi\
            me":1700000000000,"lastEventId":6,"retryAttempts":[],"retryCount":0,"wait":{"kind":"task","taskId":"\
            task-1","taskToken":"YXJuOmF3czpzdGF0ZXM6cjoxOmV4ZWN1dGlvbjptOmUKdGFzay0xCjE0MzE4NzQxYTA1N2E0ZmE","t\
            imeoutTimerId":null,"heartbeatTimerId":"heartbeat-2","heartbeatDue":1700000030000,"heartbeatSeconds"\
            :30}},{"id":"/1","index":1,"state":"W","input":{"k":1},"enteredEventId":7,"enteredTime":170000000000\
            0,"lastEventId":7,"retryAttempts":[],"retryCount":0,"wait":{"kind":"timer","timerId":"wait-3","due":\
            1700000005000,"retry":false}}]}}}""";

    /** The same state as version 2 writes it, without what the execution ARN and the defaults say. */
    private static final String VERSION_2 = """
            {"v":2,"info":{"executionArn":"arn:aws:states:r:1:execution:m:e","stateMachineName":"m","type":"STANDAR\
            D","startTime":1700000000000,"input":{"k":1}},"status":"RUNNING","sequence":3,"lastEventId":7,"root":{\
            "state":"Par","input":{"k":1},"enteredEventId":2,"enteredTime":1700000000000,"lastEventId":3,"wait":{"k\
            ind":"children"},"fanout":{"inputs":[{"k":1},{"k":1}],"results":[null,null],"maxConcurrency":0,"nextToS\
            tart":2,"finished":0,"failed":0,"toleratedFailureCount":0,"toleratedFailurePercentage":0.0,"running":[{\
            "id":"/0","index":0,"state":"T1","input":{"k":1},"enteredEventId":4,"enteredTime":1700000000000,"lastEv\
            entId":6,"wait":{"kind":"task","taskId":"task-1","nonce":"14318741a057a4fa","heartbeatTimerId":"heartbe\
            at-2","heartbeatDue":1700000030000,"heartbeatSeconds":30}},{"id":"/1","index":1,"state":"W","input":{"k\
            ":1},"enteredEventId":7,"enteredTime":1700000000000,"lastEventId":7,"wait":{"kind":"timer","timerId":"w\
            ait-3","due":1700000005000,"retry":false}}]}}}""";

    @Test
    void readsVersionOneAndWritesTheSameStateAsVersionTwo() {
        StateMachine m = StateMachines.load(PARALLEL_THEN_MAP, MachineType.STANDARD);
        ExecutionState fromVersion1 = ExecutionStateCodec.decode(Json.parse(VERSION_1), m);
        assertEquals(List.of("Par", "T1", "W"), fromVersion1.activeStates());
        assertEquals(VERSION_2, ExecutionStateCodec.write(fromVersion1));

        ExecutionState fromVersion2 = ExecutionStateCodec.decode(Json.parse(VERSION_2), m);
        assertEquals(VERSION_2, ExecutionStateCodec.write(fromVersion2));
        assertEquals(fromVersion1.info(), fromVersion2.info());
        String token = Json.parse(VERSION_1).at("/root/fanout/running/0/wait/taskToken").asText();
        assertEquals(token, fromVersion2.awaitedTask("task-1").taskToken());
        assertEquals(fromVersion1.pendingTimers(), fromVersion2.pendingTimers());
        assertTrue(ExecutionStateCodec.awaits(Json.parse(VERSION_1), token));
        assertTrue(ExecutionStateCodec.awaits(Json.parse(VERSION_2), token));
        assertFalse(ExecutionStateCodec.awaits(Json.parse(VERSION_2), token + "A"));
    }

    @Test
    void summarisesEitherVersionWithoutItsMachine() {
        ExecutionStateCodec.Summary running = new ExecutionStateCodec.Summary(ExecutionInfo.of("r", "1", "m", "e",
                MachineType.STANDARD, Json.parse("{\"k\":1}"), T0), ExecutionStatus.RUNNING, null, null, 0, 7, 0, 0, null);
        assertEquals(running, ExecutionStateCodec.summary(Json.parse(VERSION_1)));
        assertEquals(running, ExecutionStateCodec.summary(Json.parse(VERSION_2)));
        assertEquals(MachineType.STANDARD, ExecutionStateCodec.type(Json.parse(VERSION_2)));

        StateMachine m = StateMachines.load("{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"E\"}}}",
                MachineType.EXPRESS);
        ExecutionState failed = new Interpreter().start(m, ExecutionInfo.of("r", "1", "m", "e", MachineType.EXPRESS,
                Json.parse("{}"), T0)).next();
        ExecutionStateCodec.Summary summary = ExecutionStateCodec.summary(Json.parse(ExecutionStateCodec.write(failed)));
        assertEquals(ExecutionStatus.FAILED, summary.status());
        assertEquals(new AslError("E", null), summary.error());
        assertEquals(failed.stopTime(), summary.stopTime());
        assertEquals(MachineType.EXPRESS, summary.info().type());
    }

    @Test
    void leavesOutTheInfoItsExecutionArnSaysForEitherType() {
        StateMachine m = StateMachines.load(PARALLEL_THEN_MAP, MachineType.STANDARD);
        for (MachineType type : MachineType.values()) {
            ExecutionInfo info = ExecutionInfo.of("eu-west-3", "210987654321", "m", "run-7.b", type,
                    Json.parse("{\"k\":1}"), T0);
            ExecutionState state = new Interpreter().start(m, info).next();
            String text = ExecutionStateCodec.write(state);
            assertFalse(text.contains("roleArn") || text.contains("\"name\"") || text.contains("taskToken"), text);
            ExecutionState back = ExecutionStateCodec.decode(Json.parse(text), m);
            assertEquals(info, back.info());
            assertEquals(state.awaitedTask("task-1").taskToken(), back.awaitedTask("task-1").taskToken());
        }
    }

    /**
     * What the execution ARN does not say is written whole: a name, machine or role other than
     * {@link ExecutionInfo#of} would make of it, and a token made for another execution.
     */
    @Test
    void keepsWholeWhatItCannotDerive() {
        StateMachine m = StateMachines.load(PARALLEL_THEN_MAP, MachineType.STANDARD);
        ExecutionState state = ExecutionStateCodec.decode(Json.parse(VERSION_1), m);
        String foreignToken = TaskTokens.encode("arn:aws:states:r:1:execution:m:other", "task-1", 7L);
        String text = ExecutionStateCodec.write(state).replace("\"executionArn\":\"arn:aws:states:r:1:execution:m:e\"",
                        "\"executionArn\":\"arn:aws:states:r:1:execution:m:e/child:1\",\"name\":\"e\","
                                + "\"stateMachineArn\":\"arn:aws:states:r:1:stateMachine:m\",\"roleArn\":null")
                .replace("\"nonce\":\"14318741a057a4fa\"", "\"taskToken\":\"" + foreignToken + "\"");
        ExecutionState odd = ExecutionStateCodec.decode(Json.parse(text), m);
        assertEquals(new ExecutionInfo("arn:aws:states:r:1:execution:m:e/child:1", "e", "arn:aws:states:r:1:stateMachine:m",
                "m", null, MachineType.STANDARD, Json.parse("{\"k\":1}"), T0), odd.info());
        assertEquals(foreignToken, odd.awaitedTask("task-1").taskToken());
        assertEquals(text, ExecutionStateCodec.write(odd));
    }

    @Test
    void rejectsAStateOfAnUnknownVersion() {
        StateMachine m = StateMachines.load(PARALLEL_THEN_MAP, MachineType.STANDARD);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExecutionStateCodec.decode(Json.parse(VERSION_2.replace("{\"v\":2,", "{\"v\":3,")), m));
        assertEquals("Unknown execution state version 3", e.getMessage());
    }

    @Test
    void encodingKeepsAFinishedExecutionsOutputAndStatus() {
        StateMachine m = StateMachines.load("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}",
                MachineType.STANDARD);
        Step step = new Interpreter().start(m, ExecutionInfo.of("r", "1", "m", "e", MachineType.STANDARD,
                Json.parse("{\"k\":null}"), T0));
        JsonNode json = ExecutionStateCodec.encode(step.next());
        ExecutionState back = ExecutionStateCodec.decode(json, m);
        assertEquals(ExecutionStatus.SUCCEEDED, back.status());
        assertEquals(step.next().output(), back.output());
        assertEquals(json, ExecutionStateCodec.encode(back));
    }
}
