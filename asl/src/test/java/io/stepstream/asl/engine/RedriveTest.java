package io.stepstream.asl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.StateMachines;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.local.LocalExecution;
import io.stepstream.asl.local.LocalRunner;
import io.stepstream.asl.local.LocalTaskHandler;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.StateMachine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RedriveTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:";
    private static final long DAY = 24 * 3600 * 1000L;

    private static StateMachine machine(String json) {
        return StateMachines.load(json, MachineType.STANDARD);
    }

    /** A task handler that fails the first {@code failures} calls per key, then echoes its input. */
    private static final class Flaky implements LocalTaskHandler {
        final Map<String, AtomicInteger> calls = new HashMap<>();
        final java.util.function.Function<Effect.DispatchTask, String> key;
        final java.util.function.Predicate<String> failsFirst;
        final int failures;

        Flaky(java.util.function.Function<Effect.DispatchTask, String> key,
              java.util.function.Predicate<String> failsFirst, int failures) {
            this.key = key;
            this.failsFirst = failsFirst;
            this.failures = failures;
        }

        @Override
        public Outcome handle(Effect.DispatchTask task) {
            String k = key.apply(task);
            int n = calls.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
            if (failsFirst.test(k) && n <= failures) {
                return LocalTaskHandler.failed("Boom", "call " + n + " of " + k);
            }
            return LocalTaskHandler.succeeded(task.input());
        }

        int calls(String k) {
            AtomicInteger n = calls.get(k);
            return n == null ? 0 : n.get();
        }
    }

    private static List<HistoryEvent> after(LocalExecution e, HistoryEventType marker) {
        List<HistoryEvent> h = e.history();
        int at = -1;
        for (int i = 0; i < h.size(); i++) {
            if (h.get(i).type() == marker) {
                at = i;
            }
        }
        return h.subList(at + 1, h.size());
    }

    private static List<HistoryEventType> types(List<HistoryEvent> events) {
        return events.stream().map(HistoryEvent::type).toList();
    }

    @Test
    void aFailedTaskIsRunAgainAloneWithTheSameInputAndVariablesAndTheExecutionSucceeds() {
        StateMachine m = machine("""
                {"StartAt":"A","States":{
                 "A":{"Type":"Pass","Assign":{"seen.$":"$.x"},"Next":"T"},
                 "T":{"Type":"Task","Resource":"%sT","Next":"B"},
                 "B":{"Type":"Pass","Parameters":{"x.$":"$.x","seen.$":"$seen"},"End":true}}}""".formatted(FN));
        Flaky handler = new Flaky(t -> t.stateName(), k -> true, 1);
        LocalExecution e = new LocalRunner().fallback(handler).start(m, "m", "e", Json.parse("{\"x\":1}"), T0);
        assertEquals(ExecutionStatus.FAILED, e.status());
        long lastBefore = e.state().lastEventId();

        e.redrive();

        assertEquals(ExecutionStatus.SUCCEEDED, e.status(), e.rejections() + " " + e.error() + e.history());
        assertEquals(Json.parse("{\"x\":1,\"seen\":1}"), e.output());
        assertEquals(2, handler.calls("T"));
        List<HistoryEvent> redriven = after(e, HistoryEventType.ExecutionFailed);
        assertEquals(HistoryEventType.ExecutionRedriven, redriven.get(0).type());
        assertEquals(lastBefore + 1, redriven.get(0).id());
        assertEquals(1, redriven.get(0).details().path("redriveCount").asInt());
        assertEquals(List.of(HistoryEventType.ExecutionRedriven, HistoryEventType.TaskStateEntered,
                HistoryEventType.LambdaFunctionScheduled, HistoryEventType.LambdaFunctionStarted,
                HistoryEventType.LambdaFunctionSucceeded, HistoryEventType.TaskStateExited,
                HistoryEventType.PassStateEntered, HistoryEventType.PassStateExited,
                HistoryEventType.ExecutionSucceeded), types(redriven));
        assertEquals(Json.parse("{\"x\":1}"), Json.parse(redriven.get(1).details().path("input").asText()));
        assertEquals(redriven.get(0).id(), redriven.get(1).previousEventId());
        assertEquals(1, e.state().redriveCount());
    }

    @Test
    void onlyTheFailedBranchOfAParallelRunsAgain() {
        StateMachine m = machine("""
                {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"Ok","States":{"Ok":{"Type":"Task","Resource":"%sOk","Parameters":{"b":"ok"},"End":true}}},
                  {"StartAt":"Pre","States":{"Pre":{"Type":"Task","Resource":"%sPre","Parameters":{"b":"pre"},"Next":"Bad"},
                    "Bad":{"Type":"Task","Resource":"%sBad","Parameters":{"b":"bad"},"End":true}}}]}}}"""
                .formatted(FN, FN, FN));
        Flaky handler = new Flaky(t -> t.stateName(), "Bad"::equals, 1);
        LocalExecution e = new LocalRunner().fallback(handler).start(m, "m", "e", Json.parse("{}"), T0);
        assertEquals(ExecutionStatus.FAILED, e.status());

        e.redrive();

        assertEquals(ExecutionStatus.SUCCEEDED, e.status(), e.rejections().toString());
        assertEquals(Json.parse("[{\"b\":\"ok\"},{\"b\":\"bad\"}]"), e.output());
        assertEquals(1, handler.calls("Ok"));
        assertEquals(1, handler.calls("Pre"), "the branch resumes at its failed state, not at its start");
        assertEquals(2, handler.calls("Bad"));
        assertEquals(List.of(HistoryEventType.ExecutionRedriven, HistoryEventType.ParallelStateEntered,
                HistoryEventType.ParallelStateStarted, HistoryEventType.TaskStateEntered,
                HistoryEventType.LambdaFunctionScheduled, HistoryEventType.LambdaFunctionStarted,
                HistoryEventType.LambdaFunctionSucceeded, HistoryEventType.TaskStateExited,
                HistoryEventType.ParallelStateSucceeded, HistoryEventType.ParallelStateExited,
                HistoryEventType.ExecutionSucceeded), types(after(e, HistoryEventType.ExecutionFailed)));
    }

    @Test
    void onlyTheFailedAndAbortedIterationsOfAnInlineMapRunAgainAndTheResultsKeepItemOrder() {
        StateMachine m = machine("""
                {"StartAt":"M","States":{"M":{"Type":"Map","End":true,
                  "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%sT",
                    "Parameters":{"i.$":"$"},"End":true}}}}}}""".formatted(FN));
        Flaky handler = new Flaky(t -> t.input().path("i").asText(), k -> k.equals("1") || k.equals("3"), 1);
        LocalExecution e = new LocalRunner().fallback(handler).start(m, "m", "e",
                Json.parse("[0,1,2,3,4]"), T0);
        assertEquals(ExecutionStatus.FAILED, e.status());
        int[] before = new int[5];
        for (int i = 0; i < 5; i++) {
            before[i] = handler.calls(String.valueOf(i));
        }

        e.redrive();

        assertEquals(ExecutionStatus.SUCCEEDED, e.status(), e.rejections().toString());
        assertEquals(Json.parse("[{\"i\":0},{\"i\":1},{\"i\":2},{\"i\":3},{\"i\":4}]"), e.output());
        List<Integer> rerun = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int again = handler.calls(String.valueOf(i)) - before[i];
            assertTrue(again <= 1, "item " + i + " ran " + again + " more times");
            if (again == 1) {
                rerun.add(i);
            }
            int index = i;
            assertEquals(1, e.history().stream().filter(ev -> ev.type() == HistoryEventType.MapIterationSucceeded
                    && ev.details().path("index").asInt() == index).count(), "item " + i + " succeeded once");
        }
        assertTrue(rerun.contains(1) && rerun.contains(3), rerun.toString());
        List<Integer> started = after(e, HistoryEventType.ExecutionFailed).stream()
                .filter(ev -> ev.type() == HistoryEventType.MapIterationStarted)
                .map(ev -> ev.details().path("index").asInt()).toList();
        assertEquals(rerun, started);
        assertEquals(5, after(e, HistoryEventType.ExecutionRedriven).stream()
                .filter(ev -> ev.type() == HistoryEventType.MapStateStarted)
                .mapToInt(ev -> ev.details().path("length").asInt()).sum());
    }

    @Test
    void aMapIterationThatFailedInsideAParallelResumesAtItsFailedBranch() {
        StateMachine m = machine("""
                {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"MaxConcurrency":1,
                  "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                    {"StartAt":"L","States":{"L":{"Type":"Task","Resource":"%sL","Parameters":{"l.$":"$"},"End":true}}},
                    {"StartAt":"R","States":{"R":{"Type":"Task","Resource":"%sR","Parameters":{"r.$":"$"},"End":true}}}
                  ]}}}}}}""".formatted(FN, FN));
        Flaky handler = new Flaky(t -> t.stateName() + t.input().elements().next().asText(), "R1"::equals, 1);
        LocalExecution e = new LocalRunner().fallback(handler).start(m, "m", "e", Json.parse("[0,1,2]"), T0);
        assertEquals(ExecutionStatus.FAILED, e.status());
        assertEquals(0, handler.calls("L2"), "MaxConcurrency 1: item 2 never started");

        e.redrive();

        assertEquals(ExecutionStatus.SUCCEEDED, e.status(), e.rejections().toString());
        assertEquals(Json.parse("[[{\"l\":0},{\"r\":0}],[{\"l\":1},{\"r\":1}],[{\"l\":2},{\"r\":2}]]"), e.output());
        assertEquals(1, handler.calls("L0"));
        assertEquals(1, handler.calls("L1"));
        assertEquals(2, handler.calls("R1"));
        assertEquals(1, handler.calls("L2"));
    }

    @Test
    void anAbortedParallelRunsAgainOnlyTheBranchesThatHadNotFinished() {
        StateMachine m = machine("""
                {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"Done","States":{"Done":{"Type":"Task","Resource":"%sDone","End":true}}},
                  {"StartAt":"Held","States":{"Held":{"Type":"Task",
                    "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                    "Parameters":{"QueueUrl":"q","MessageBody.$":"$$.Task.Token"},"End":true}}}]}}}"""
                .formatted(FN));
        Map<String, AtomicInteger> calls = new HashMap<>();
        LocalExecution e = new LocalRunner().fallback(task -> {
            calls.computeIfAbsent(task.stateName(), k -> new AtomicInteger()).incrementAndGet();
            return task.stateName().equals("Done") ? LocalTaskHandler.succeeded(Json.parse("\"d\""))
                    : LocalTaskHandler.pending();
        }).start(m, "m", "e", Json.parse("{}"), T0);
        e.stop(null, null);
        assertEquals(ExecutionStatus.ABORTED, e.status());

        e.redrive();
        e.sendTaskSuccess(e.pendingTaskTokens().iterator().next(), Json.parse("\"h\""));

        assertEquals(ExecutionStatus.SUCCEEDED, e.status(), e.rejections().toString());
        assertEquals(Json.parse("[\"d\",\"h\"]"), e.output());
        assertEquals(1, calls.get("Done").get());
        assertEquals(2, calls.get("Held").get());
    }

    @Test
    void mapIterationsWhoseFailureWasToleratedRunAgainWithTheOthers() {
        StateMachine m = machine("""
                {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ToleratedFailureCount":1,
                  "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%sT",
                    "Parameters":{"i.$":"$"},"End":true}}}}}}""".formatted(FN));
        Flaky handler = new Flaky(t -> t.input().path("i").asText(), k -> !k.equals("1"), 1);
        LocalExecution e = new LocalRunner().fallback(handler).start(m, "m", "e", Json.parse("[0,1,2]"), T0);
        assertEquals(ExecutionStatus.FAILED, e.status());
        assertEquals("States.ExceedToleratedFailureThreshold", e.error().error());

        e.redrive();

        assertEquals(ExecutionStatus.SUCCEEDED, e.status(), e.rejections().toString());
        assertEquals(Json.parse("[{\"i\":0},{\"i\":1},{\"i\":2}]"), e.output());
        assertEquals(List.of(2, 1, 2), List.of(handler.calls("0"), handler.calls("1"), handler.calls("2")));
    }

    @Test
    void retryCountersStartFromZeroOnTheRedrivenState() {
        StateMachine m = machine("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%sT","End":true,
                  "Parameters":{"retry.$":"$$.State.RetryCount"},
                  "Retry":[{"ErrorEquals":["Boom"],"MaxAttempts":1,"IntervalSeconds":1}]}}}""".formatted(FN));
        List<Integer> attempts = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        LocalExecution e = new LocalRunner().fallback(task -> {
            attempts.add(task.attempt());
            seen.add(task.input().path("retry").asInt());
            return calls.incrementAndGet() < 4 ? LocalTaskHandler.failed("Boom", "no") : LocalTaskHandler.succeeded(
                    Json.parse("\"done\""));
        }).start(m, "m", "e", Json.parse("{}"), T0);
        assertEquals(ExecutionStatus.FAILED, e.status());

        e.redrive();

        assertEquals(ExecutionStatus.SUCCEEDED, e.status(), e.rejections().toString());
        assertEquals(List.of(0, 1, 0, 1), attempts);
        assertEquals(List.of(0, 1, 0, 1), seen);
    }

    @Test
    void anAbortedExecutionResumesAtTheTaskItWasWaitingOn() {
        StateMachine m = machine("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"a","Next":"T"},
                 "T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                   "Parameters":{"QueueUrl":"q","MessageBody.$":"$$.Task.Token"},"End":true}}}""");
        LocalExecution e = new LocalRunner().fallback(task -> LocalTaskHandler.pending())
                .start(m, "m", "e", Json.parse("{}"), T0);
        e.stop("Stop", "operator");
        assertEquals(ExecutionStatus.ABORTED, e.status());
        assertTrue(e.pendingTaskTokens().isEmpty());

        e.redrive();

        assertEquals(ExecutionStatus.RUNNING, e.status(), e.rejections().toString());
        assertEquals(List.of(HistoryEventType.ExecutionRedriven, HistoryEventType.TaskStateEntered,
                HistoryEventType.TaskScheduled, HistoryEventType.TaskStarted),
                types(after(e, HistoryEventType.ExecutionAborted)));
        e.sendTaskSuccess(e.pendingTaskTokens().iterator().next(), Json.parse("\"ok\""));
        assertEquals(ExecutionStatus.SUCCEEDED, e.status());
        assertEquals(Json.parse("\"ok\""), e.output());
    }

    @Test
    void aTimedOutExecutionCanBeRedrivenAndItsTimeoutCountsFromTheRedrive() {
        StateMachine m = machine("""
                {"TimeoutSeconds":10,"StartAt":"T","States":{"T":{"Type":"Task",
                  "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters":{"QueueUrl":"q","MessageBody.$":"$$.Task.Token"},"End":true}}}""");
        LocalExecution e = new LocalRunner().fallback(task -> LocalTaskHandler.pending())
                .start(m, "m", "e", Json.parse("{}"), T0);
        e.advanceClock(11_000);
        assertEquals(ExecutionStatus.TIMED_OUT, e.status());
        e.advanceClock(60_000);

        e.redrive();
        assertEquals(ExecutionStatus.RUNNING, e.status(), e.rejections().toString());
        e.advanceClock(9_000);
        assertEquals(ExecutionStatus.RUNNING, e.status(), "10 s from the redrive, not from the start");
        e.advanceClock(2_000);
        assertEquals(ExecutionStatus.TIMED_OUT, e.status());

        e.redrive();
        assertEquals(2, e.state().redriveCount(), "an execution that times out after a redrive can be redriven again");
        e.sendTaskSuccess(e.pendingTaskTokens().iterator().next(), Json.parse("1"));
        assertEquals(ExecutionStatus.SUCCEEDED, e.status());
    }

    @Test
    void theContextObjectCarriesTheRedriveCountAndTime() {
        StateMachine m = machine("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%sT",
                  "Parameters":{"execution.$":"$$.Execution"},"End":true}}}""".formatted(FN));
        List<JsonNode> contexts = new ArrayList<>();
        LocalExecution e = new LocalRunner().fallback(task -> {
            contexts.add(task.input().get("execution"));
            return contexts.size() == 1 ? LocalTaskHandler.failed("Boom", null)
                    : LocalTaskHandler.succeeded(Json.parse("{}"));
        }).start(m, "m", "e", Json.parse("{}"), T0);
        e.advanceClock(5_000);
        e.redrive();

        assertEquals(ExecutionStatus.SUCCEEDED, e.status(), e.rejections().toString());
        assertEquals(0, contexts.get(0).path("RedriveCount").asInt());
        assertFalse(contexts.get(0).has("RedriveTime"));
        assertEquals(1, contexts.get(1).path("RedriveCount").asInt());
        assertEquals(Timestamps.format(T0 + 5_000), contexts.get(1).path("RedriveTime").asText());
        assertEquals(T0 + 5_000, e.state().redriveTime());
    }

    @Test
    void succeededRunningExpressAndExpiredExecutionsAreNotRedrivable() {
        StateMachine m = machine("""
                {"StartAt":"T","States":{"T":{"Type":"Task",
                  "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters":{"QueueUrl":"q","MessageBody.$":"$$.Task.Token"},"End":true}}}""");
        Interpreter interpreter = new Interpreter();
        Step running = interpreter.start(m, ExecutionInfo.of("r", "1", "m", "e", MachineType.STANDARD,
                Json.parse("{}"), T0));
        Step refused = interpreter.advance(m, running.next(), new Event.Redrive(null, T0 + 1));
        assertEquals("Execution is RUNNING and cannot be redriven", refused.rejection());

        ExecutionState.AwaitedTask awaited = running.next().awaitedTask(((Effect.DispatchTask) running.effects()
                .stream().filter(Effect.DispatchTask.class::isInstance).findFirst().orElseThrow()).taskId());
        String token = awaited == null ? null : awaited.taskToken();
        assertTrue(token != null);
        Effect.DispatchTask task = (Effect.DispatchTask) running.effects().stream()
                .filter(Effect.DispatchTask.class::isInstance).findFirst().orElseThrow();
        Step succeeded = interpreter.advance(m, running.next(), new Event.TaskSucceeded(task.taskId(),
                Json.parse("1"), T0 + 2));
        assertEquals(ExecutionStatus.SUCCEEDED, succeeded.next().status());
        assertEquals("Execution is SUCCEEDED and cannot be redriven",
                interpreter.advance(m, succeeded.next(), new Event.Redrive(null, T0 + 3)).rejection());

        Step failed = interpreter.advance(m, running.next(), new Event.TaskFailed(task.taskId(), "E", null, T0 + 2));
        assertNull(failed.next().redriveRefusal(T0 + 2 + 14 * DAY));
        assertEquals("Execution redrivable period exceeded",
                interpreter.advance(m, failed.next(), new Event.Redrive(null, T0 + 2 + 14 * DAY + 1)).rejection());

        StateMachine express = StateMachines.load("""
                {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}}""", MachineType.EXPRESS);
        Step expressFailed = interpreter.start(express, ExecutionInfo.of("r", "1", "x", "e", MachineType.EXPRESS,
                Json.parse("{}"), T0));
        assertEquals(ExecutionStatus.FAILED, expressFailed.next().status());
        assertTrue(interpreter.advance(express, expressFailed.next(), new Event.Redrive(null, T0 + 1)).isRejected());
    }

    @Test
    void aRedriveRepeatingTheLastClientTokenIsRejected() {
        StateMachine m = machine("""
                {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}}""");
        Interpreter interpreter = new Interpreter();
        Step failed = interpreter.start(m, ExecutionInfo.of("r", "1", "m", "e", MachineType.STANDARD,
                Json.parse("{}"), T0));
        Step again = interpreter.advance(m, failed.next(), new Event.Redrive("tok", T0 + 1));
        assertFalse(again.isRejected());
        assertEquals(ExecutionStatus.FAILED, again.next().status(), "a Fail state fails again");
        assertEquals("tok", again.next().redriveToken());
        assertTrue(interpreter.advance(m, again.next(), new Event.Redrive("tok", T0 + 2)).isRejected());
        assertEquals(2, interpreter.advance(m, again.next(), new Event.Redrive("other", T0 + 2)).next().redriveCount());
    }

    @Test
    void theRedrivePointSurvivesTheStateCodecAndOldStatesWithoutItRedriveTheWholeParallel() {
        StateMachine m = machine("""
                {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"Ok","States":{"Ok":{"Type":"Task","Resource":"%sOk","End":true}}},
                  {"StartAt":"Bad","States":{"Bad":{"Type":"Task","Resource":"%sBad","End":true}}}]}}}"""
                .formatted(FN, FN));
        Interpreter interpreter = new Interpreter();
        Step step = interpreter.start(m, ExecutionInfo.of("r", "1", "m", "e", MachineType.STANDARD,
                Json.parse("{}"), T0));
        List<Effect.DispatchTask> tasks = step.effects().stream().filter(Effect.DispatchTask.class::isInstance)
                .map(Effect.DispatchTask.class::cast).toList();
        Effect.DispatchTask ok = tasks.stream().filter(t -> t.stateName().equals("Ok")).findFirst().orElseThrow();
        Effect.DispatchTask bad = tasks.stream().filter(t -> t.stateName().equals("Bad")).findFirst().orElseThrow();
        step = interpreter.advance(m, step.next(), new Event.TaskSucceeded(ok.taskId(), Json.parse("1"), T0 + 1));
        step = interpreter.advance(m, step.next(), new Event.TaskFailed(bad.taskId(), "E", null, T0 + 2));
        assertEquals(ExecutionStatus.FAILED, step.next().status());

        JsonNode encoded = ExecutionStateCodec.encode(step.next());
        ExecutionState decoded = ExecutionStateCodec.decode(Json.parse(Json.write(encoded)), m);
        Step redriven = interpreter.advance(m, decoded, new Event.Redrive(null, T0 + 3));
        assertEquals(List.of("Bad"), dispatched(redriven));
        assertEquals(Json.write(ExecutionStateCodec.encode(
                        interpreter.advance(m, step.next(), new Event.Redrive(null, T0 + 3)).next())),
                Json.write(ExecutionStateCodec.encode(redriven.next())));

        ObjectNode old = (ObjectNode) Json.parse(Json.write(encoded));
        ((ObjectNode) old.get("root")).remove("halted");
        Step whole = interpreter.advance(m, ExecutionStateCodec.decode(old, m), new Event.Redrive(null, T0 + 3));
        assertEquals(List.of("Bad", "Ok"), dispatched(whole).stream().sorted().toList());
    }

    private static List<String> dispatched(Step step) {
        return step.effects().stream().filter(Effect.DispatchTask.class::isInstance)
                .map(t -> ((Effect.DispatchTask) t).stateName()).toList();
    }
}
