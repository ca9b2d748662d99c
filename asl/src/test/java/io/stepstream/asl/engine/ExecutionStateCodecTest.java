package io.stepstream.asl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.StateMachines;
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

    /** A Parallel waiting on a task and a Wait, as the tree-building codec of an earlier build wrote it. */
    private static final String WRITTEN_BEFORE = """
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

    @Test
    void readsAndWritesBackTextAnEarlierBuildWrote() {
        StateMachine m = StateMachines.load(PARALLEL_THEN_MAP, MachineType.STANDARD);
        ExecutionState state = ExecutionStateCodec.decode(Json.parse(WRITTEN_BEFORE), m);
        assertEquals(List.of("Par", "T1", "W"), state.activeStates());
        assertEquals(WRITTEN_BEFORE, ExecutionStateCodec.write(state));
        assertEquals(Json.parse(WRITTEN_BEFORE), ExecutionStateCodec.encode(state));
    }

    @Test
    void rejectsAStateOfAnUnknownVersion() {
        StateMachine m = StateMachines.load(PARALLEL_THEN_MAP, MachineType.STANDARD);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExecutionStateCodec.decode(Json.parse(WRITTEN_BEFORE.replace("{\"v\":1,", "{\"v\":2,")), m));
        assertEquals("Unknown execution state version 2", e.getMessage());
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
