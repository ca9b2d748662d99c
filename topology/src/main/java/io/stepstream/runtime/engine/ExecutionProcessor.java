package io.stepstream.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.engine.Effect;
import io.stepstream.asl.engine.Event;
import io.stepstream.asl.engine.ExecutionInfo;
import io.stepstream.asl.engine.ExecutionState;
import io.stepstream.asl.engine.ExecutionStateCodec;
import io.stepstream.asl.engine.ExecutionStatus;
import io.stepstream.asl.engine.HistoryLevel;
import io.stepstream.asl.engine.Interpreter;
import io.stepstream.asl.engine.PendingTimer;
import io.stepstream.asl.engine.Step;
import io.stepstream.asl.engine.TaskTokens;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.StateMachine;
import io.stepstream.schemas.avro.ChildExecutionFinished;
import io.stepstream.schemas.avro.Command;
import io.stepstream.schemas.avro.DeadLetter;
import io.stepstream.schemas.avro.DeadLetterHeader;
import io.stepstream.schemas.avro.Definition;
import io.stepstream.schemas.avro.ExecutionStateEnvelope;
import io.stepstream.schemas.avro.ParentExecution;
import io.stepstream.schemas.avro.RedriveExecution;
import io.stepstream.schemas.avro.SendTaskFailure;
import io.stepstream.schemas.avro.SendTaskHeartbeat;
import io.stepstream.schemas.avro.SendTaskSuccess;
import io.stepstream.schemas.avro.StartExecution;
import io.stepstream.schemas.avro.StopExecution;
import io.stepstream.schemas.avro.TimerFired;
import io.stepstream.schemas.avro.TransitionBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one processor of the engine. For each command (keyed by execution id): load the execution,
 * apply the command through the {@link Interpreter}, write the state once, and forward the
 * transitions (one batch per advance), the task requests and the completion. Timers live in a
 * {@link TimerStore} that a wall-clock punctuator scans; a due timer takes the same path as a
 * command, and a timer already due when it is scheduled fires inline, right after its step. Whatever cannot be read or applied goes to the dead-letter topic with the reason and
 * the original bytes; the interpreter's rejections (stale timers, late task results) are counted
 * and logged, never errors.
 */
final class ExecutionProcessor implements Processor<byte[], byte[], Object, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionProcessor.class);
    private static final int TIMER_BATCH = 64;
    /** How long a start may wait for the global store to read the definition its client saw. */
    private static final long DEFINITION_WAIT_MS = 5000;
    /** The timer that deletes an ended execution; the interpreter's timer ids are {@code kind-n}, never this. */
    static final String RETENTION_TIMER = "retention";
    /** The execution's timer order, the {@link TimerStore} key order (ids are ASCII). */
    private static final Comparator<TimerStore.Timer> DUE_ORDER =
            Comparator.comparingLong(TimerStore.Timer::due).thenComparing(TimerStore.Timer::timerId);

    private final ExecutionTopology.Wiring wiring;
    private final Deserializer<Command> commands;
    private final Serializer<Command> commandWriter;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, ExecutionStateEnvelope> executions;
    private KeyValueStore<String, Definition> definitionStore;
    private TimerStore timers;
    private NestedExecutions nested;
    private Headers headers; // of the command being handled
    private long now; // wall-clock time of the command or punctuation being handled

    ExecutionProcessor(ExecutionTopology.Wiring wiring) {
        this.wiring = wiring;
        this.commands = wiring.serdes().commands().deserializer();
        this.commandWriter = wiring.serdes().commands().serializer();
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.executions = context.getStateStore(ExecutionTopology.EXECUTIONS_STORE);
        this.definitionStore = context.getStateStore(ExecutionTopology.DEFINITIONS_STORE);
        KeyValueStore<Bytes, byte[]> timerStore = context.getStateStore(ExecutionTopology.TIMERS_STORE);
        this.timers = new TimerStore(timerStore, CachingLayers.belowCache(timerStore));
        // an execution's timers are held until its state is written, and written with it
        CachingLayers.skipUnwrittenTombstones(executions, key -> timers.written(new String(key, StandardCharsets.UTF_8)));
        FlushHook.afterFlush(executions, timers::commitBatches); // with the states that filled them
        KeyValueStore<String, String> children = context.getStateStore(ExecutionTopology.CHILDREN_STORE);
        CachingLayers.skipUnwrittenTombstones(children, key -> { });
        this.nested = new NestedExecutions(wiring, context, definitionStore, children);
        context.schedule(wiring.config().timerInterval(), PunctuationType.WALL_CLOCK_TIME, this::fireTimers);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        wiring.metrics().commands.increment();
        now = context.currentSystemTimeMs();
        TimerBudget.processing(now);
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(null);
        Command command;
        try {
            command = commands.deserialize(topic, record.value());
        } catch (RuntimeException e) {
            deadLetter(record, "Unreadable command: " + e.getMessage(), e);
            return;
        }
        headers = record.headers();
        try {
            handle(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8), command,
                    record.timestamp());
        } catch (UnprocessableCommandException e) {
            deadLetter(record, e.getMessage(), null);
        } catch (RuntimeException e) {
            LOG.error("Could not apply a command to execution {}", command == null ? null : command.getExecutionId(), e);
            deadLetter(record, "Could not apply the command: " + e, e);
        }
    }

    private void handle(String key, Command command, long recordTime) {
        if (key == null) {
            throw new UnprocessableCommandException("The command has no key; commands are keyed by execution id");
        }
        if (command == null) {
            throw new UnprocessableCommandException("The command has no value");
        }
        if (!key.equals(command.getExecutionId())) {
            throw new UnprocessableCommandException("The command is for execution '" + command.getExecutionId()
                    + "' but is keyed '" + key + "'");
        }
        long time = command.getTimestamp().toEpochMilli();
        if (command.getCommand() instanceof StartExecution start) {
            try {
                start(key, start, time, recordTime);
            } catch (UnprocessableCommandException e) {
                nested.refused(start, e.getMessage(), time, recordTime); // a waiting parent hears of it
                throw e;
            }
            return;
        }
        Loaded loaded = load(key);
        Event event = event(key, loaded.state(), command.getCommand(), time);
        Step step = wiring.interpreter().advance(loaded.machine(), loaded.state(), event);
        apply(key, loaded, step, event.time(), recordTime); // a redrive leaves the retention timer to find it running
    }

    /**
     * AWS's idempotent start: the same name and input while running is a no-op; anything else
     * already exists. Express starts are not idempotent on AWS: one that ends inside its start runs
     * without reading or writing the store at all.
     */
    private void start(String key, StartExecution start, long time, long recordTime) {
        JsonNode input = json(start.getInput(), "InvalidExecutionInput: Invalid State Machine Execution Input");
        String name = start.getStateMachineName();
        Definition definition = definition(start.getStateMachineVersion() == null
                ? Definitions.latestKey(name) : Definitions.versionKey(name, start.getStateMachineVersion()));
        if (definition == null) {
            if (!checkNotExisting(key, input, name)) {
                return;
            }
            throw new UnprocessableCommandException("StateMachineDoesNotExist: State Machine Does Not Exist: '" + name
                    + (start.getStateMachineVersion() == null ? "" : ":" + start.getStateMachineVersion()) + "'");
        }
        MachineType type = MachineType.valueOf((start.getType() != null ? start.getType() : definition.getType()).name());
        if (type == MachineType.STANDARD && !wiring.exactlyOnce()) {
            throw new UnprocessableCommandException("Standard executions need an engine with exactly-once processing;"
                    + " this one runs at least once (Express executions only)");
        }
        StateMachine machine;
        try {
            machine = wiring.definitions().machine(definition, type);
        } catch (RuntimeException e) {
            throw new UnprocessableCommandException("InvalidDefinition: " + e.getMessage());
        }
        ExecutionInfo info = ExecutionInfo.of(wiring.config().region(), wiring.config().account(), name,
                start.getExecutionName(), type, input, time);
        if (!info.executionArn().equals(key)) {
            info = new ExecutionInfo(key, info.name(), info.stateMachineArn(), info.stateMachineName(), info.roleArn(),
                    type, input, time);
        }
        Step step = wiring.interpreter().start(machine, info); // pure: computing it before the check costs nothing
        if ((type == MachineType.STANDARD || !ends(step)) && !checkNotExisting(key, input, name)) {
            return;
        }
        String definitionKey = Definitions.versionKey(definition.getName(), definition.getVersion());
        ParentExecution parent = start.getParent();
        apply(key, new Loaded(definitionKey, machine, null, parent == null ? null : parent.getExecutionId(),
                parent == null ? null : parent.getTaskToken(), start.getStateMachineVersionArn(),
                start.getStateMachineAliasArn()), step, time, recordTime);
    }

    /**
     * @return false when the execution runs with this input already (the start is a no-op)
     * @throws UnprocessableCommandException ExecutionAlreadyExists when it exists otherwise
     */
    private boolean checkNotExisting(String key, JsonNode input, String machineName) {
        ExecutionStateEnvelope existing = executions.get(key);
        if (existing == null) {
            return true;
        }
        ExecutionStateCodec.Summary state = ExecutionStateCodec.summary(Json.parse(existing.getState()));
        if (state.status() == ExecutionStatus.RUNNING && input.equals(state.info().input())
                && machineName.equals(state.info().stateMachineName())) {
            wiring.metrics().duplicateStarts.increment();
            LOG.debug("Execution {} is already running with this input; the start is a no-op", key);
            return false;
        }
        throw new UnprocessableCommandException("ExecutionAlreadyExists: Execution Already Exists: '" + key + "'");
    }

    private static boolean ends(Step step) {
        if (step.isRejected()) {
            return false;
        }
        for (Effect effect : step.effects()) {
            if (effect instanceof Effect.Complete) {
                return true;
            }
        }
        return false;
    }

    /**
     * A definition from the global store. When it is missing but the start says (header
     * {@link Definitions#OFFSET_HEADER}) that its client saw it at an offset the global thread
     * has not read yet, waits for the global thread, briefly: a start sent right after a deploy
     * then finds its machine on every instance, and a start of an unknown machine costs nothing.
     */
    private Definition definition(String storeKey) {
        Definition definition = wiring.definitions().lookup(storeKey, definitionStore);
        Header header = headers == null ? null : headers.lastHeader(Definitions.OFFSET_HEADER);
        if (definition != null || header == null || header.value() == null) {
            return definition;
        }
        long needed;
        try {
            needed = Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return null;
        }
        long deadline = System.nanoTime() + DEFINITION_WAIT_MS * 1_000_000;
        while (wiring.definitions().readUpTo() < needed && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return wiring.definitions().lookup(storeKey, definitionStore);
    }

    private Event event(String key, ExecutionState state, Object payload, long time) {
        if (payload instanceof SendTaskSuccess s) {
            JsonNode output = json(s.getOutput(), "InvalidOutput: Invalid Task Output");
            return new Event.TaskSucceeded(calledBack(key, state, s.getTaskToken(), true), output, time);
        } else if (payload instanceof SendTaskFailure f) {
            return new Event.TaskFailed(calledBack(key, state, f.getTaskToken(), true), f.getError(), f.getCause(),
                    time);
        } else if (payload instanceof SendTaskHeartbeat h) {
            return new Event.TaskHeartbeat(calledBack(key, state, h.getTaskToken(), false), time);
        } else if (payload instanceof StopExecution s) {
            return new Event.StopExecution(s.getError(), s.getCause(), time);
        } else if (payload instanceof TimerFired t) {
            return new Event.TimerFired(t.getTimerId(), t.getDueTime().toEpochMilli());
        } else if (payload instanceof ChildExecutionFinished c) {
            return nested.finished(key, taskOf(key, c.getTaskToken()), c, time);
        } else if (payload instanceof RedriveExecution r) {
            return new Event.Redrive(r.getClientToken(), time);
        }
        throw new UnprocessableCommandException("Unknown command " + payload);
    }

    /**
     * The task a callback names. It must carry the very token its task was dispatched with: the task
     * id in it is guessable, the nonce is not. A token for a task no longer awaited is left to the
     * interpreter, which rejects it as stale (AWS: TaskTimedOut). An answer (not a heartbeat) ends
     * the task, so its child execution, if it started one, is forgotten.
     */
    private String calledBack(String key, ExecutionState state, String token, boolean answers) {
        String taskId = taskOf(key, token);
        ExecutionState.AwaitedTask awaited = state.awaitedTask(taskId);
        if (awaited != null && !awaited.taskToken().equals(token)) {
            throw new UnprocessableCommandException("InvalidToken: Invalid Task Token: '" + token + "'");
        }
        if (answers) {
            nested.answered(key, taskId, awaited);
        }
        return taskId;
    }

    private static String taskOf(String key, String token) {
        TaskTokens.Decoded decoded = token == null ? null : TaskTokens.decode(token);
        if (decoded == null) {
            throw new UnprocessableCommandException("InvalidToken: Invalid Task Token: '" + token + "'");
        }
        if (!decoded.executionArn().equals(key)) {
            throw new UnprocessableCommandException("InvalidToken: the task token belongs to execution '"
                    + decoded.executionArn() + "' but the command is keyed '" + key + "'");
        }
        return decoded.taskId();
    }

    private static JsonNode json(String text, String what) {
        try {
            return Json.parse(text);
        } catch (RuntimeException e) {
            throw new UnprocessableCommandException(what + ": " + e.getMessage());
        }
    }

    /**
     * An execution read back from the store with the machine it runs, and, for a nested execution,
     * its parent and the token the parent's {@code .sync} Task waits on (both may be null), and the
     * version and alias ARNs it was started through (null when it was not).
     */
    private record Loaded(String definitionKey, StateMachine machine, ExecutionState state, String parentId,
                          String parentToken, String versionArn, String aliasArn) {
        Loaded withState(ExecutionState next) {
            return new Loaded(definitionKey, machine, next, parentId, parentToken, versionArn, aliasArn);
        }
    }

    private Loaded load(String key) {
        Loaded loaded = find(key);
        if (loaded == null) {
            throw new UnprocessableCommandException("ExecutionDoesNotExist: Execution Does Not Exist: '" + key + "'");
        }
        return loaded;
    }

    /** The execution, or null when there is none. */
    private Loaded find(String key) {
        ExecutionStateEnvelope envelope = executions.get(key);
        if (envelope == null) {
            return null;
        }
        JsonNode json = Json.parse(envelope.getState());
        Definition definition = envelope.getDefinition() == null ? null
                : wiring.definitions().lookup(envelope.getDefinition(), definitionStore);
        if (definition == null) {
            throw new UnprocessableCommandException("StateMachineDoesNotExist: execution '" + key + "' runs definition '"
                    + envelope.getDefinition() + "', which is not published");
        }
        StateMachine machine = wiring.definitions().machine(definition, ExecutionStateCodec.type(json));
        return new Loaded(envelope.getDefinition(), machine, ExecutionStateCodec.decode(json, machine),
                envelope.getParentExecutionId(), envelope.getParentTaskToken(), envelope.getStateMachineVersionArn(),
                envelope.getStateMachineAliasArn());
    }

    /**
     * Carries out a step, then fires the timers it scheduled that are already due (a start read
     * after its Wait was due, an engine catching up), each right after the step before it.
     */
    private void apply(String key, Loaded loaded, Step step, long eventTime, long recordTime) {
        PriorityQueue<TimerStore.Timer> due = new PriorityQueue<>(DUE_ORDER);
        if (applyStep(key, loaded, step, eventTime, recordTime, due) || due.isEmpty()) {
            return;
        }
        fireInline(key, loaded.withState(step.next()), due, loaded.state() != null, recordTime);
    }

    /**
     * Whether the execution still waits on the timer. A task that reopens the timers store holds
     * again every timer of a batch record, some of which were cancelled since; such a timer's
     * execution has ended, or (Express names may be used again) waits on no timer of that id and due time.
     */
    private static boolean pending(ExecutionState state, TimerStore.Timer timer) {
        for (PendingTimer pending : state.pendingTimers()) {
            if (pending.id().equals(timer.timerId()) && (pending.due() <= 0 || pending.due() == timer.due())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Fires due timers one after the other in the execution's timer order (due time, timer id), as
     * the punctuator would have, had it run on time: each dated its due time, each step carrying
     * the state of the one before. Its other stored timers due by now join them, so none fires out
     * of order. Not written to the store, they never move its scan position back. A loop ends when
     * its timers are no longer due or at the interpreter's history limit.
     */
    private void fireInline(String key, Loaded loaded, PriorityQueue<TimerStore.Timer> due, boolean existed,
                            long recordTime) {
        Set<TimerStore.Timer> stored = existed ? storedDue(key, loaded.state(), due) : new HashSet<>();
        due.addAll(stored);
        while (!due.isEmpty()) {
            TimerStore.Timer timer = due.poll();
            if (stored.remove(timer)) {
                timers.fired(timer);
            }
            wiring.metrics().timersFired.increment();
            try {
                Step step = wiring.interpreter().advance(loaded.machine(), loaded.state(),
                        new Event.TimerFired(timer.timerId(), timer.due()));
                if (applyStep(key, loaded, step, timer.due(), recordTime, due)) {
                    return;
                }
                if (!step.isRejected()) {
                    loaded = loaded.withState(step.next());
                }
            } catch (RuntimeException e) {
                timerFailed(timer, e, recordTime);
            }
        }
    }

    /** The execution's stored timers due by now: its pending timers other than the ones {@code due} already holds. */
    private Set<TimerStore.Timer> storedDue(String key, ExecutionState state, PriorityQueue<TimerStore.Timer> due) {
        Set<String> queued = new HashSet<>();
        due.forEach(timer -> queued.add(timer.timerId()));
        Set<TimerStore.Timer> stored = new HashSet<>();
        for (PendingTimer pending : state.pendingTimers()) {
            TimerStore.Timer timer = queued.contains(pending.id()) ? null : timers.stored(key, pending);
            if (timer != null && timer.due() <= now) {
                stored.add(timer);
            }
        }
        return stored;
    }

    /**
     * Carries out a step: forward, schedule (or add to {@code due} what is due by now), persist
     * once. A rejected step changes nothing.
     *
     * @return whether the execution ended in this step
     */
    private boolean applyStep(String key, Loaded loaded, Step step, long eventTime, long recordTime,
                              PriorityQueue<TimerStore.Timer> due) {
        if (step.isRejected()) {
            wiring.metrics().rejections.increment();
            LOG.debug("Rejected for {}: {}", key, step.rejection());
            return false;
        }
        for (TransitionBatch batch : Records.transitions(key, step.transitions())) {
            context.forward(new Record<>(key, batch, recordTime, HistoryTopology.headers(batch)),
                    ExecutionTopology.TRANSITIONS_SINK);
        }
        // An execution that ends in this step keeps no timer: skip the ones it schedules (e.g. an Express
        // execution's five-minute limit) and their cancellations, instead of writing and deleting them.
        // Its stored timers go by the interpreter's cancellations, which it makes for every pending one.
        boolean ends = ends(step);
        Set<String> unstored = ends ? new HashSet<>() : null;
        for (Effect effect : step.effects()) {
            if (effect instanceof Effect.DispatchTask task && NestedExecutions.isStartExecution(task.resource())) {
                nested.dispatch(key, task, eventTime, recordTime);
            } else if (effect instanceof Effect.DispatchTask task) {
                forward(ExecutionTopology.TASKS_SINK, key, Records.taskRequest(key, task, eventTime), recordTime);
            } else if (effect instanceof Effect.ScheduleTimer t && ends) {
                unstored.add(t.timerId());
            } else if (effect instanceof Effect.ScheduleTimer t && isDue(t.dueTime())) {
                due.add(new TimerStore.Timer(t.dueTime(), key, t.timerId(), false));
            } else if (effect instanceof Effect.ScheduleTimer t) {
                timers.schedule(key, t.timerId(), t.dueTime(), isExpressTimeout(step.next(), t.timerId()));
            } else if (effect instanceof Effect.CancelTimer t && !(ends && unstored.contains(t.timerId()))) {
                // one still queued to fire inline may be stored too (overdue): delete it either way
                due.removeIf(timer -> timer.timerId().equals(t.timerId()));
                timers.cancel(key, t.timerId(), t.dueTime());
            } else if (effect instanceof Effect.Complete complete) {
                forward(ExecutionTopology.COMPLETIONS_SINK, key, Records.completion(step.next(), complete), recordTime);
                nested.completed(loaded.parentId(), loaded.parentToken(), step.next(), complete, recordTime);
                wiring.metrics().completions.increment();
            } else if (effect instanceof Effect.CancelTask cancel && cancel.resource() != null
                    && NestedExecutions.isStartExecution(cancel.resource())) {
                nested.cancel(key, cancel.taskId(), eventTime, recordTime);
            } else if (effect instanceof Effect.CancelTask cancel && cancel.resource() != null) {
                TaskCancellation cancellation = new TaskCancellation(cancel.taskToken(), cancel.resource().arn());
                context.forward(new Record<>(key, cancellation, recordTime, cancellation.headers()),
                        ExecutionTopology.TASK_CANCELS_SINK);
            }
        }
        if (ends && !retain(key, step.next(), loaded.state() != null, recordTime)) {
            return true;
        }
        executions.put(key, new ExecutionStateEnvelope(ExecutionStateCodec.VERSION,
                ExecutionStateCodec.write(step.next()), loaded.definitionKey(), loaded.parentId(),
                loaded.parentToken(), loaded.versionArn(), loaded.aliasArn()));
        return ends;
    }

    /**
     * Whether a timer is an Express execution's TimeoutSeconds, at most its five-minute limit: nearly
     * every one is cancelled when its execution ends, most within seconds, so it is batched (see
     * {@link TimerStore#schedule(String, String, long, boolean)}) rather than written and deleted.
     */
    private static boolean isExpressTimeout(ExecutionState state, String timerId) {
        PendingTimer timer = state.executionTimer();
        return state.info().type() == MachineType.EXPRESS && timer != null && timer.id().equals(timerId);
    }

    /** Due by now, or before the scan position (a wall clock that stepped back): fired inline, never stored. */
    private boolean isDue(long dueTime) {
        return dueTime <= now || dueTime < timers.position();
    }

    /**
     * An ended Standard execution keeps its name for the configured retention (AWS: 90 days), then
     * its retention timer deletes it; with no retention it is deleted now. An ended Express
     * execution is not kept: AWS neither describes nor lists them, and its name may run again.
     *
     * @param existed whether the execution was in the store before this step
     * @return whether the execution stays in the store
     */
    private boolean retain(String key, ExecutionState ended, boolean existed, long recordTime) {
        OptionalLong expiry = expiry(ended.info().type(), ended.stopTime());
        if (expiry.isPresent()) {
            timers.schedule(key, RETENTION_TIMER, expiry.getAsLong());
            return true;
        }
        if (existed) { // not kept, or its retention timer would fire at once
            delete(key);
        }
        forgetHistory(key, ended.info().type(), recordTime);
        return false;
    }

    private void delete(String key) {
        executions.put(key, null); // a tombstone, as delete() writes, without reading back the old state
        wiring.metrics().expirations.increment();
    }

    /** When an execution that ended at {@code stopTime} is to be deleted; empty for now (not kept, or kept long enough). */
    private OptionalLong expiry(MachineType type, long stopTime) {
        long retention = type == MachineType.EXPRESS ? 0 : wiring.config().retention().toMillis();
        long expiry = stopTime + Math.min(retention, Long.MAX_VALUE - stopTime);
        return retention == 0 || isDue(expiry) ? OptionalLong.empty() : OptionalLong.of(expiry);
    }

    /**
     * The retention timer: deletes an ended execution whose retention has run out, and its history.
     * A redrive does not cancel the timer, which would take a second key to find it by (its due
     * time is the stop time before the redrive), so the timer checks instead: a running execution
     * (redriven) is left to schedule its own when it ends again, and one whose retention runs out
     * later (it ended again since, or the retention grew) gets a timer for then.
     */
    private void expire(String key, long now) {
        ExecutionStateEnvelope envelope = executions.get(key);
        if (envelope == null) {
            return;
        }
        ExecutionStateCodec.Summary state = ExecutionStateCodec.summary(Json.parse(envelope.getState()));
        if (state.status() == ExecutionStatus.RUNNING) {
            return;
        }
        MachineType type = state.info().type();
        OptionalLong expiry = expiry(type, state.stopTime());
        if (expiry.isPresent()) {
            timers.schedule(key, RETENTION_TIMER, expiry.getAsLong());
            timers.written(key); // its state is stored already, and not written again
            return;
        }
        delete(key);
        forgetHistory(key, type, now);
    }

    /**
     * A tombstone keyed by the execution on the transitions topic, after its last batch: the history
     * recorder deletes its history. Only where there is one: Express executions write none with their
     * history level OFF, and an Express execution's history is never queried (as on AWS).
     */
    private void forgetHistory(String key, MachineType type, long timestamp) {
        if (type == MachineType.STANDARD || wiring.config().expressHistoryLevel() != HistoryLevel.OFF) {
            forward(ExecutionTopology.TRANSITIONS_SINK, key, null, timestamp);
        }
    }

    private void forward(String sink, String key, Object value, long timestamp) {
        context.forward(new Record<>(key, value, timestamp), sink);
    }

    /**
     * Fires due timers in due order until none is left or the time budget is spent; the scan
     * position moves past what fired, so the next scan starts there.
     */
    private void fireTimers(long now) {
        this.now = now;
        long deadline = System.nanoTime() + TimerBudget.share(this, now, wiring.config().timerInterval(),
                wiring.config().timerBudget());
        int fired = 0;
        while (timers.position() <= now && (fired == 0 || System.nanoTime() < deadline)) {
            List<TimerStore.Timer> due = timers.due(now, TIMER_BATCH);
            if (due.isEmpty()) {
                timers.moveTo(now + 1);
                return;
            }
            for (TimerStore.Timer timer : due) {
                if (fired > 0 && System.nanoTime() > deadline) { // at least one per punctuation, so timers progress
                    timers.moveTo(timer.due());
                    return;
                }
                if (timers.take(timer)) {
                    fire(timer, now);
                    fired++;
                }
            }
            timers.moveTo(due.get(due.size() - 1).due());
        }
    }

    private void fire(TimerStore.Timer timer, long now) {
        wiring.metrics().timersFired.increment();
        if (RETENTION_TIMER.equals(timer.timerId())) {
            expire(timer.executionId(), now);
            return;
        }
        try {
            Loaded loaded = find(timer.executionId());
            if (loaded == null || !pending(loaded.state(), timer)) {
                wiring.metrics().rejections.increment();
                LOG.debug("Timer {} of execution {} is stale", timer.timerId(), timer.executionId());
                return;
            }
            Event event = new Event.TimerFired(timer.timerId(), timer.due());
            apply(timer.executionId(), loaded, wiring.interpreter().advance(loaded.machine(), loaded.state(), event),
                    timer.due(), now);
        } catch (RuntimeException e) {
            timerFailed(timer, e, now);
        }
    }

    /** No record carried this timer: dead-letters the TimerFired command it stands for, which can be resent. */
    private void timerFailed(TimerStore.Timer timer, RuntimeException e, long now) {
        LOG.error("Timer {} of execution {} could not fire", timer.timerId(), timer.executionId(), e);
        Command command = new Command(timer.executionId(), null, Instant.ofEpochMilli(timer.due()),
                new TimerFired(timer.timerId(), Instant.ofEpochMilli(timer.due())));
        byte[] key = timer.executionId().getBytes(StandardCharsets.UTF_8);
        byte[] value = commandWriter.serialize(wiring.config().names().commands(), command);
        DeadLetter letter = new DeadLetter(ExecutionTopology.TIMERS_STORE, context.taskId().partition(), -1L,
                ByteBuffer.wrap(key), ByteBuffer.wrap(value), List.of(), "Could not fire the timer: " + e,
                e.getClass().getName(), Instant.ofEpochMilli(timer.due()), Instant.ofEpochMilli(now));
        sendDeadLetter(key, letter, now);
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason, Throwable error) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        List<DeadLetterHeader> headers = new ArrayList<>();
        for (Header h : record.headers() == null ? new RecordHeaders() : record.headers()) {
            headers.add(new DeadLetterHeader(h.key(), h.value() == null ? null : ByteBuffer.wrap(h.value())));
        }
        DeadLetter letter = new DeadLetter(meta == null ? "" : meta.topic(), meta == null ? -1 : meta.partition(),
                meta == null ? -1L : meta.offset(), record.key() == null ? null : ByteBuffer.wrap(record.key()),
                record.value() == null ? null : ByteBuffer.wrap(record.value()), headers, reason,
                error == null ? null : error.getClass().getName(), Instant.ofEpochMilli(record.timestamp()),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        LOG.warn("Dead-lettered a record of {} (partition {}, offset {}): {}", letter.getTopic(), letter.getPartition(),
                letter.getOffset(), reason);
        sendDeadLetter(record.key(), letter, record.timestamp());
    }

    private void sendDeadLetter(byte[] key, DeadLetter letter, long timestamp) {
        wiring.metrics().deadLetters.increment();
        context.forward(new Record<>(key, letter, timestamp), ExecutionTopology.DLQ_SINK);
    }
}
