package io.stepstream.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.stepstream.asl.StateMachines;
import io.stepstream.asl.engine.Effect;
import io.stepstream.asl.engine.Event;
import io.stepstream.asl.engine.ExecutionInfo;
import io.stepstream.asl.engine.ExecutionStatus;
import io.stepstream.asl.engine.HistoryLevel;
import io.stepstream.asl.engine.Interpreter;
import io.stepstream.asl.engine.Step;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.StateMachine;
import io.stepstream.runtime.engine.Records;
import io.stepstream.schemas.avro.Command;
import io.stepstream.schemas.avro.SendTaskSuccess;
import io.stepstream.schemas.avro.TransitionBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-execution replay driver: virtual-clock order, recorded races, and task results under a new definition. */
class ExecutionReplayerTest {
    private static final long START = 1_700_000_000_000L;
    private static final Interpreter INTERPRETER = new Interpreter(HistoryLevel.ALL, 7);
    private static final StateMachine WAIT_AND_TASK = StateMachines.load("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"End":true}}},
              {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","End":true}}}]}}}""",
            MachineType.STANDARD);
    private static final ExecutionInfo INFO = ExecutionInfo.of("us-east-1", "111111111111", "m", "e1",
            MachineType.STANDARD, Json.parse("{\"n\":1}"), START);

    /** Runs the machine the way a live engine did: the result at {@code resultAt}, the timer before or after it. */
    private static Recorded record(long resultAt, boolean timerFirst) {
        List<TransitionBatch> batches = new ArrayList<>();
        Step step = INTERPRETER.start(WAIT_AND_TASK, INFO);
        batches.addAll(Records.transitions(INFO.executionArn(), step.transitions()));
        Effect.DispatchTask task = effect(step, Effect.DispatchTask.class);
        Effect.ScheduleTimer timer = effect(step, Effect.ScheduleTimer.class);
        Event result = new Event.TaskSucceeded(task.taskId(), Json.parse("{\"ok\":true}"), resultAt);
        Event fired = new Event.TimerFired(timer.timerId(), timer.dueTime());
        for (Event event : timerFirst ? List.of(fired, result) : List.of(result, fired)) {
            step = INTERPRETER.advance(WAIT_AND_TASK, step.next(), event);
            batches.addAll(Records.transitions(INFO.executionArn(), step.transitions()));
        }
        assertEquals(ExecutionStatus.SUCCEEDED, step.next().status());
        Command command = new Command(INFO.executionArn(), null, Instant.ofEpochMilli(resultAt),
                new SendTaskSuccess(task.taskToken(), "{\"ok\":true}"));
        return new Recorded(batches, List.of(command));
    }

    private record Recorded(List<TransitionBatch> batches, List<Command> commands) {}

    private static <T extends Effect> T effect(Step step, Class<T> type) {
        return step.effects().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    private static ExecutionReplayer.Replayed replay(StateMachine machine, Recorded recorded, boolean guided,
                                                     TaskMatcher tasks) {
        return new ExecutionReplayer(INTERPRETER, Long.MAX_VALUE).replay(machine, INFO, recorded.commands(),
                guided ? recorded.batches() : null, tasks, state -> false);
    }

    @Test
    void firesATimerDueBeforeACommandFirstAndDatesItsEventsWithTheDueTime() {
        Recorded recorded = record(START + 1500, true);

        ExecutionReplayer.Replayed replayed = replay(WAIT_AND_TASK, recorded, false, TaskMatcher.sameIds());

        assertEquals(recorded.batches(), replayed.batches());
        assertEquals(Instant.ofEpochMilli(START + 1000), replayed.batches().get(1).getEvents().get(0).getTimestamp());
        assertEquals("SUCCEEDED", replayed.completion().getStatus().name());
        assertEquals(1, replayed.dispatched().size());
    }

    @Test
    void followsTheRecordWhenACommandWasProcessedBeforeATimerThatWasAlreadyDue() {
        Recorded recorded = record(START + 1500, false); // the punctuator ran late

        ExecutionReplayer.Replayed guided = replay(WAIT_AND_TASK, recorded, true, TaskMatcher.sameIds());

        assertNotEquals(recorded.batches(), replay(WAIT_AND_TASK, recorded, false, TaskMatcher.sameIds()).batches());
        assertEquals(recorded.batches(), guided.batches());
        assertEquals(1, guided.reordered());
    }

    @Test
    void followsTheRecordWhenATimerFiredBeforeALaggingCommandDatedEarlier() {
        Recorded recorded = record(START + 400, true); // the result waited in the topic past the timer

        assertNotEquals(recorded.batches(), replay(WAIT_AND_TASK, recorded, false, TaskMatcher.sameIds()).batches());
        assertEquals(recorded.batches(), replay(WAIT_AND_TASK, recorded, true, TaskMatcher.sameIds()).batches());
    }

    @Test
    void doesNotFireTimersDueAfterTheHorizon() {
        Recorded recorded = record(START + 400, true);

        ExecutionReplayer.Replayed replayed = new ExecutionReplayer(INTERPRETER, START + 999).replay(WAIT_AND_TASK,
                INFO, recorded.commands(), null, TaskMatcher.sameIds(), state -> false);

        assertNull(replayed.completion());
        assertEquals(ExecutionStatus.RUNNING, replayed.state().status());
    }

    @Test
    void deliversRecordedResultsByStateNameAndRankWhenANewDefinitionShiftsTheTaskIds() {
        Recorded recorded = record(START + 1500, true);
        StateMachine shifted = StateMachines.load("""
                {"StartAt":"Pause","States":{"Pause":{"Type":"Wait","Seconds":1,"Next":"P"},
                 "P":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"End":true}}},
                  {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","End":true}}}]}}}""",
                MachineType.STANDARD);
        List<Effect.DispatchTask> recordedTasks = replay(WAIT_AND_TASK, recorded, true, TaskMatcher.sameIds())
                .dispatched();

        ExecutionReplayer.Replayed sameIds = replay(shifted, recorded, false, TaskMatcher.sameIds());
        ExecutionReplayer.Replayed byRank = replay(shifted, recorded, false, TaskMatcher.byStateAndRank(recordedTasks));

        assertNotEquals(recordedTasks.get(0).taskId(), byRank.dispatched().get(0).taskId());
        assertNull(sameIds.completion(), "the recorded id names no task of the new run");
        assertEquals(0, byRank.undelivered());
        assertEquals("SUCCEEDED", byRank.completion().getStatus().name());
        assertEquals("[{\"n\":1},{\"ok\":true}]", byRank.completion().getOutput());
    }
}
