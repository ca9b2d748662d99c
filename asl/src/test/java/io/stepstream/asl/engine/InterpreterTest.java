package io.stepstream.asl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.StateMachines;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.local.LocalExecution;
import io.stepstream.asl.local.LocalRunner;
import io.stepstream.asl.local.LocalTaskHandler;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.StateMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InterpreterTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:work";

    private static StateMachine machine(String json) {
        return StateMachines.load(json, MachineType.STANDARD);
    }

    private static List<HistoryEventType> types(LocalExecution e) {
        return e.history().stream().map(HistoryEvent::type).toList();
    }

    @Test
    void waitOfADayTakesNoRealTimeOnTheVirtualClock() {
        StateMachine m = machine("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":86400,"Next":"P"},
                 "P":{"Type":"Pass","End":true}}}""");
        LocalExecution e = new LocalRunner().start(m, "m", "e", Json.parse("{\"a\":1}"), T0);
        assertEquals(ExecutionStatus.SUCCEEDED, e.status());
        assertEquals(T0 + 86_400_000L, e.now());
        assertEquals(List.of(HistoryEventType.ExecutionStarted, HistoryEventType.WaitStateEntered,
                HistoryEventType.WaitStateExited, HistoryEventType.PassStateEntered, HistoryEventType.PassStateExited,
                HistoryEventType.ExecutionSucceeded), types(e));
        assertEquals(Json.parse("{\"a\":1}"), e.output());
    }

    @Test
    void retriesWithExponentialBackoffThenSucceeds() {
        StateMachine m = machine("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true,
                 "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":5}]}}}"""
                .formatted(FN));
        AtomicInteger calls = new AtomicInteger();
        List<Long> callTimes = new ArrayList<>();
        LocalRunner runner = new LocalRunner();
        LocalExecution[] holder = new LocalExecution[1];
        runner.handle(FN, task -> calls.incrementAndGet() < 3
                ? LocalTaskHandler.failed("Flaky", "try again") : LocalTaskHandler.succeeded(Json.parse("42")));
        runner.listener(ev -> {
            if (ev.type() == HistoryEventType.LambdaFunctionScheduled) {
                callTimes.add(ev.timestamp());
            }
        });
        holder[0] = runner.start(m, "m", "e", Json.parse("{}"), T0);
        assertEquals(ExecutionStatus.SUCCEEDED, holder[0].status());
        assertEquals(List.of(T0, T0 + 2_000, T0 + 8_000), callTimes);
        assertEquals(Json.parse("42"), holder[0].output());
    }

    @Test
    void theFirstMatchingRetrierDecidesEvenWhenExhausted() {
        StateMachine m = machine("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true,
                 "Retry":[{"ErrorEquals":["A"],"MaxAttempts":0},{"ErrorEquals":["States.ALL"],"MaxAttempts":5}],
                 "Catch":[{"ErrorEquals":["A"],"ResultPath":"$.error","Next":"Caught"}]},
                 "Caught":{"Type":"Pass","End":true}}}""".formatted(FN));
        AtomicInteger calls = new AtomicInteger();
        LocalExecution e = new LocalRunner().handle(FN, task -> {
            calls.incrementAndGet();
            return LocalTaskHandler.failed("A", "boom");
        }).start(m, "m", "e", Json.parse("{\"x\":1}"), T0);
        assertEquals(1, calls.get());
        assertEquals(ExecutionStatus.SUCCEEDED, e.status());
        assertEquals(Json.parse("{\"x\":1,\"error\":{\"Error\":\"A\",\"Cause\":\"boom\"}}"), e.output());
    }

    @Test
    void statesRuntimeIsNeverCaught() {
        StateMachine m = machine("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","OutputPath":"$.missing","End":true,
                 "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}]},"Caught":{"Type":"Pass","End":true}}}"""
                .formatted(FN));
        LocalExecution e = new LocalRunner().handle(FN, task -> LocalTaskHandler.succeeded(Json.parse("{}")))
                .start(m, "m", "e", Json.parse("{}"), T0);
        assertEquals(ExecutionStatus.FAILED, e.status());
        assertEquals("States.Runtime", e.error().error());
        assertTrue(e.error().cause().startsWith("An error occurred while executing the state 'T' (entered at the event id #2)."),
                e.error().cause());
    }

    @Test
    void parallelBranchOutputsKeepBranchOrderWhateverTheCompletionOrder() {
        StateMachine m = machine("""
                {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                 {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"%1$s","Parameters":{"b":"A"},"End":true}}},
                 {"StartAt":"B","States":{"B":{"Type":"Task","Resource":"%1$s","Parameters":{"b":"B"},"End":true}}}]}}}"""
                .formatted(FN));
        LocalExecution e = new LocalRunner().handle(FN, task -> LocalTaskHandler.pending())
                .start(m, "m", "e", Json.parse("{}"), T0);
        assertEquals(ExecutionStatus.RUNNING, e.status());
        List<String> tokens = new ArrayList<>(e.pendingTaskTokens());
        assertEquals(2, tokens.size());
        // complete them in reverse order of dispatch
        for (int i = tokens.size() - 1; i >= 0; i--) {
            e.sendTaskSuccess(tokens.get(i), Json.parse("\"done-" + i + "\""));
        }
        assertEquals(ExecutionStatus.SUCCEEDED, e.status());
        assertEquals(2, e.output().size());
    }

    @Test
    void mapWithMaxConcurrencyOneDispatchesOneIterationAtATime() {
        StateMachine m = machine("""
                {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"End":true,
                 "ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value"},
                 "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}}}}"""
                .formatted(FN));
        LocalExecution e = new LocalRunner().handle(FN, task -> LocalTaskHandler.pending())
                .start(m, "m", "e", Json.parse("[\"a\",\"b\",\"c\"]"), T0);
        for (int i = 0; i < 3; i++) {
            assertEquals(1, e.pendingTaskTokens().size(), "iteration " + i);
            e.sendTaskSuccess(e.pendingTaskTokens().iterator().next(), Json.parse(String.valueOf(i)));
        }
        assertEquals(ExecutionStatus.SUCCEEDED, e.status());
        assertEquals(Json.parse("[0,1,2]"), e.output());
    }

    @Test
    void mapPassesItemIndexAndValueToItemSelector() {
        StateMachine m = machine("""
                {"StartAt":"M","States":{"M":{"Type":"Map","End":true,
                 "ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value"},
                 "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}""");
        LocalExecution e = new LocalRunner().start(m, "m", "e", Json.parse("[\"a\",\"b\"]"), T0);
        assertEquals(Json.parse("[{\"i\":0,\"v\":\"a\"},{\"i\":1,\"v\":\"b\"}]"), e.output());
    }

    @Test
    void aFailedBranchFailsTheParallelWithItsOwnErrorAndAbortsTheOthers() {
        StateMachine m = machine("""
                {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                 {"StartAt":"Slow","States":{"Slow":{"Type":"Task","Resource":"%s","End":true}}},
                 {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"SomeFailure","Cause":"why"}}}]}}}"""
                .formatted(FN));
        List<Effect> effects = new ArrayList<>();
        Interpreter interpreter = new Interpreter();
        Step step = interpreter.start(m, ExecutionInfo.of("r", "1", "m", "e", MachineType.STANDARD, Json.parse("{}"), T0));
        effects.addAll(step.effects());
        assertEquals(ExecutionStatus.FAILED, step.next().status());
        assertEquals("SomeFailure", step.next().error().error());
        assertTrue(effects.stream().anyMatch(x -> x instanceof Effect.CancelTask), effects.toString());
        assertTrue(step.transitions().stream().anyMatch(t -> t.type() == HistoryEventType.TaskStateAborted));
    }

    @Test
    void aTimerForAStateTheExecutionLeftIsRejectedAsStale() {
        StateMachine m = machine("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","TimeoutSeconds":10,"End":true}}}"""
                .formatted(FN));
        Interpreter interpreter = new Interpreter();
        Step started = interpreter.start(m, ExecutionInfo.of("r", "1", "m", "e", MachineType.STANDARD, Json.parse("{}"), T0));
        Effect.DispatchTask task = (Effect.DispatchTask) started.effects().stream()
                .filter(x -> x instanceof Effect.DispatchTask).findFirst().orElseThrow();
        Effect.ScheduleTimer timeout = (Effect.ScheduleTimer) started.effects().stream()
                .filter(x -> x instanceof Effect.ScheduleTimer).findFirst().orElseThrow();
        assertEquals(T0 + 10_000, timeout.dueTime());
        Step done = interpreter.advance(m, started.next(), new Event.TaskSucceeded(task.taskId(), Json.parse("1"), T0 + 5));
        assertEquals(ExecutionStatus.SUCCEEDED, done.next().status());
        Step stale = interpreter.advance(m, started.next(), new Event.TimerFired("no-such-timer", T0 + 6));
        assertTrue(stale.isRejected());
        assertNotNull(stale.rejection());
        assertEquals(started.next(), stale.next());
    }

    @Test
    void aTaskThatOutlivesItsTimeoutFailsWithStatesTimeout() {
        StateMachine m = machine("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","TimeoutSeconds":10,"End":true}}}"""
                .formatted(FN));
        LocalExecution e = new LocalRunner().handle(FN, task -> LocalTaskHandler.pending())
                .start(m, "m", "e", Json.parse("{}"), T0);
        e.advanceClock(10_000);
        assertEquals(ExecutionStatus.FAILED, e.status());
        assertEquals("States.Timeout", e.error().error());
        assertTrue(types(e).contains(HistoryEventType.LambdaFunctionTimedOut));
    }

    @Test
    void heartbeatsKeepATaskAliveAndTheirAbsenceTimesItOut() {
        StateMachine m = machine("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                 "Parameters":{"token.$":"$$.Task.Token"},"HeartbeatSeconds":5,"End":true}}}""");
        List<JsonNode> inputs = new ArrayList<>();
        LocalExecution e = new LocalRunner().fallback(task -> {
            inputs.add(task.input());
            return LocalTaskHandler.pending();
        }).start(m, "m", "e", Json.parse("{}"), T0);
        String token = e.pendingTaskTokens().iterator().next();
        assertEquals(token, inputs.get(0).get("token").asText());
        e.advanceClock(4_000).sendTaskHeartbeat(token).advanceClock(4_000);
        assertEquals(ExecutionStatus.RUNNING, e.status());
        e.advanceClock(2_000);
        assertEquals(ExecutionStatus.FAILED, e.status());
        assertEquals("States.Timeout", e.error().error());
    }

    @Test
    void executionTimeoutSecondsTimesTheExecutionOut() {
        StateMachine m = machine("""
                {"StartAt":"W","TimeoutSeconds":5,"States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""");
        LocalExecution e = new LocalRunner().start(m, "m", "e", Json.parse("{}"), T0);
        assertEquals(ExecutionStatus.TIMED_OUT, e.status());
        assertEquals(T0 + 5_000, e.now());
        assertTrue(types(e).contains(HistoryEventType.WaitStateAborted));
        assertEquals(HistoryEventType.ExecutionTimedOut, types(e).get(types(e).size() - 1));
    }

    @Test
    void stopExecutionAbortsAndCancelsWhatIsPending() {
        StateMachine m = machine("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","TimeoutSeconds":100,"End":true}}}"""
                .formatted(FN));
        Interpreter interpreter = new Interpreter();
        Step started = interpreter.start(m, ExecutionInfo.of("r", "1", "m", "e", MachineType.STANDARD, Json.parse("{}"), T0));
        Step stopped = interpreter.advance(m, started.next(), new Event.StopExecution("Bye", "user", T0 + 1));
        assertEquals(ExecutionStatus.ABORTED, stopped.next().status());
        assertTrue(stopped.effects().stream().anyMatch(x -> x instanceof Effect.CancelTask));
        assertTrue(stopped.effects().stream().anyMatch(x -> x instanceof Effect.CancelTimer));
        assertTrue(stopped.effects().stream().anyMatch(x -> x instanceof Effect.Complete c
                && c.status() == ExecutionStatus.ABORTED));
        assertTrue(interpreter.advance(m, stopped.next(), new Event.StopExecution(null, null, T0 + 2)).isRejected());
    }

    @Test
    void theSameEventsGiveTheSameTransitionsAndEffects() {
        StateMachine m = machine("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true,
                 "Retry":[{"ErrorEquals":["States.ALL"],"JitterStrategy":"FULL","IntervalSeconds":10}]}}}"""
                .formatted(FN));
        ExecutionInfo info = ExecutionInfo.of("r", "1", "m", "e", MachineType.STANDARD, Json.parse("{}"), T0);
        List<Object> first = replay(m, info);
        List<Object> second = replay(m, info);
        assertEquals(first, second);
    }

    private static List<Object> replay(StateMachine m, ExecutionInfo info) {
        Interpreter interpreter = new Interpreter();
        Step step = interpreter.start(m, info);
        List<Object> log = new ArrayList<>(step.transitions());
        log.addAll(step.effects());
        Effect.DispatchTask task = (Effect.DispatchTask) step.effects().get(0);
        step = interpreter.advance(m, step.next(), new Event.TaskFailed(task.taskId(), "X", "y", T0 + 1));
        log.addAll(step.transitions());
        log.addAll(step.effects());
        return log;
    }

    @Test
    void aStartedExecutionIsNeverChangedByAdvance() {
        StateMachine m = machine("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"End":true}}}""");
        Interpreter interpreter = new Interpreter();
        Step started = interpreter.start(m, ExecutionInfo.of("r", "1", "m", "e", MachineType.STANDARD, Json.parse("{}"), T0));
        Effect.ScheduleTimer timer = (Effect.ScheduleTimer) started.effects().get(0);
        Step done = interpreter.advance(m, started.next(), new Event.TimerFired(timer.timerId(), T0 + 1000));
        assertEquals(ExecutionStatus.SUCCEEDED, done.next().status());
        assertEquals(ExecutionStatus.RUNNING, started.next().status());
        assertNull(started.next().output());
    }
}
