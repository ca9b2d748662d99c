package io.stepstream.asl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.asl.StateMachines;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.StateMachine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract a runtime's timer store relies on: after every step, the timers scheduled and not
 * yet cancelled or fired are exactly {@link ExecutionState#pendingTimers()}, cancellations carry the
 * due time they were scheduled with, and an ended execution leaves no timer behind. The Kafka
 * engine deletes an ended execution's timers by these cancellations alone, without a scan.
 */
class PendingTimersTest {
    private static final long T0 = 1_700_000_000_000L;

    private static final String EVERY_TIMER = """
            {"StartAt":"Par","TimeoutSeconds":%d,"States":{
             "Par":{"Type":"Parallel","End":true,"Branches":[
               {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","TimeoutSeconds":%d,"HeartbeatSeconds":%d,
                 "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":3,"MaxAttempts":2}],"End":true}}},
               {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":%d,"Next":"M"},
                 "M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"End":true,
                   "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f",
                     "TimeoutSeconds":%3$d,"Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":1,"MaxAttempts":1}],
                     "End":true}}}}}},
               {"StartAt":"Then","States":{"Then":{"Type":"Wait","Seconds":%d,"Next":"End"},
                 "End":%s}}]}}}""";
    private static final String FAIL = "{\"Type\":\"Fail\",\"Error\":\"Boom\"}";
    private static final String SUCCEED = "{\"Type\":\"Succeed\"}";

    private static final String CALLBACK = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
    private static final String LAMBDA = "arn:aws:lambda:us-east-1:1:function:g";

    static Stream<Arguments> executions() {
        // the machine's TimeoutSeconds; task T's Resource, TimeoutSeconds (also the Map's tasks') and
        // HeartbeatSeconds; the Seconds of Wait W and Then; the End state
        return Stream.of(
                // name, machine, type, what each event does (by number), stop after n events (0: never), the end
                Arguments.of("succeeds", EVERY_TIMER.formatted(3600, CALLBACK, 900, 600, 5, 30, SUCCEED),
                        MachineType.STANDARD, answers(true), 0, ExecutionStatus.SUCCEEDED),
                Arguments.of("a branch fails while others wait", EVERY_TIMER.formatted(3600, CALLBACK, 900, 600, 5, 8, FAIL),
                        MachineType.STANDARD, answers(1000), 0, ExecutionStatus.FAILED),
                Arguments.of("execution TimeoutSeconds", EVERY_TIMER.formatted(30, CALLBACK, 900, 600, 25, 3000, SUCCEED),
                        MachineType.STANDARD, answers(1000), 0, ExecutionStatus.TIMED_OUT),
                Arguments.of("stopped while waiting", EVERY_TIMER.formatted(3600, CALLBACK, 900, 600, 5, 3000, SUCCEED),
                        MachineType.STANDARD, answers(4), 6, ExecutionStatus.ABORTED),
                Arguments.of("Express five-minute limit", EVERY_TIMER.formatted(3600, LAMBDA, 900, 600, 5, 3000, SUCCEED),
                        MachineType.EXPRESS, answers(false), 0, ExecutionStatus.TIMED_OUT),
                Arguments.of("task timeouts and retries", EVERY_TIMER.formatted(3600, CALLBACK, 40, 10, 1, 3000, SUCCEED),
                        MachineType.STANDARD, (IntFunction<String>) n -> n % 3 == 0 ? "Flaky" : "timer", 0,
                        ExecutionStatus.FAILED));
    }

    /**
     * Every {@code every}th event answers a task with success, the next with a Flaky failure; of
     * the rest, odd ones fire the next timer, even ones heartbeat.
     */
    /**
     * Tasks succeed as soon as they are dispatched (after one Flaky failure, if {@code flakyFirst});
     * timers fire when no task waits.
     */
    private static IntFunction<String> answers(boolean flakyFirst) {
        return n -> n == 1 && flakyFirst ? "Flaky" : "success";
    }

    private static IntFunction<String> answers(int every) {
        return n -> n % every == 0 ? "success" : n % every == 1 ? "Flaky" : n % 2 == 1 ? "timer" : "heartbeat";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executions")
    void pendingTimersAreTheScheduledOnesNotYetCancelledOrFiredAndNoneOutlivesTheExecution(
            String name, String definition, MachineType type, IntFunction<String> answer, int stopAfter,
            ExecutionStatus expected) {
        StateMachine machine = StateMachines.load(definition, type);
        Interpreter interpreter = new Interpreter();
        Map<String, Long> ledger = new HashMap<>();
        TreeSet<String> tasks = new TreeSet<>();
        Step step = interpreter.start(machine, ExecutionInfo.of("r", "1", "m", "e", type,
                Json.parse("{\"items\":[1,2,3]}"), T0));
        long now = T0;
        for (int n = 1; ; n++) {
            follow(step, ledger, tasks, name);
            assertEquals(ledger, asMap(step.next().pendingTimers()), name + ": pending timers after event " + n);
            if (step.next().status().isTerminal()) {
                break;
            }
            assertTrue(n < 500, name + ": no end after 500 events");
            String mode = answer.apply(n);
            Event event;
            if (stopAfter > 0 && n == stopAfter) {
                event = new Event.StopExecution("Stopped", null, ++now);
            } else if (!tasks.isEmpty() && !mode.equals("timer")) {
                String task = tasks.first();
                event = switch (mode) {
                    case "success" -> new Event.TaskSucceeded(tasks.pollFirst(), Json.parse("{}"), ++now);
                    case "Flaky" -> new Event.TaskFailed(tasks.pollFirst(), "Flaky", null, ++now);
                    default -> new Event.TaskHeartbeat(task, ++now);
                };
            } else {
                Map.Entry<String, Long> first = ledger.entrySet().stream().min(Map.Entry.comparingByValue())
                        .orElseThrow(() -> new AssertionError(name + ": nothing to wait for"));
                ledger.remove(first.getKey());
                now = Math.max(now, first.getValue());
                event = new Event.TimerFired(first.getKey(), first.getValue());
            }
            ExecutionState state = ExecutionStateCodec.decode(
                    Json.parse(Json.write(ExecutionStateCodec.encode(step.next()))), machine);
            step = interpreter.advance(machine, state, event);
            assertTrue(!step.isRejected(), name + ": event " + n + " rejected: " + step.rejection());
        }
        assertEquals(Map.of(), ledger, name + ": timers left after the end");
        assertEquals(expected, step.next().status(), name + ": " + step.next().error());
    }

    private static void follow(Step step, Map<String, Long> ledger, TreeSet<String> tasks, String name) {
        List<String> cancelledUnknown = new ArrayList<>();
        for (Effect e : step.effects()) {
            if (e instanceof Effect.DispatchTask t) {
                tasks.add(t.taskId());
            } else if (e instanceof Effect.CancelTask t) {
                tasks.remove(t.taskId());
            } else if (e instanceof Effect.ScheduleTimer t) {
                assertEquals(null, ledger.put(t.timerId(), t.dueTime()), name + ": timer id reused " + t.timerId());
            } else if (e instanceof Effect.CancelTimer t) {
                Long due = ledger.remove(t.timerId());
                if (due == null) {
                    cancelledUnknown.add(t.timerId());
                } else {
                    assertEquals(due, t.dueTime(), name + ": the due time cancelled with " + t.timerId());
                }
            }
        }
        assertEquals(List.of(), cancelledUnknown, name + ": cancelled timers never scheduled or already fired");
    }

    private static Map<String, Long> asMap(List<PendingTimer> timers) {
        Map<String, Long> map = new HashMap<>();
        timers.forEach(t -> assertEquals(null, map.put(t.id(), t.due()), "listed twice: " + t.id()));
        return map;
    }
}
