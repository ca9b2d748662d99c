package io.stepstream.runtime.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.StateMachines;
import io.stepstream.asl.engine.Effect;
import io.stepstream.asl.engine.ExecutionInfo;
import io.stepstream.asl.engine.ExecutionStateCodec;
import io.stepstream.asl.engine.Interpreter;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.StateMachine;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.engine.Definitions;
import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.runtime.kafka.TopicNames;
import io.stepstream.runtime.replay.ExecutionResult.Verdict;
import io.stepstream.runtime.replay.ReplayRange.Position;
import io.stepstream.schemas.avro.Command;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.Definition;
import io.stepstream.schemas.avro.HistoryEvent;
import io.stepstream.schemas.avro.StartExecution;
import io.stepstream.schemas.avro.TransitionBatch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code stepstream replay}: re-executes the executions whose StartExecution lies in a range of
 * the commands topic, through the pure interpreter on a virtual clock, feeding back the recorded
 * task results and dispatching nothing; writes the replayed transitions and completions to
 * {@code <prefix>.replay.<id>.transitions} and {@code .completions}; and compares each execution
 * with its recorded transitions and completion. See topology/README.md, "Replay".
 */
public final class Replay {
    private final Settings settings;
    private final EngineSerdes serdes;
    private final TopicNames names;
    private final Map<String, Definition> definitions = new HashMap<>();
    private final Map<String, StateMachine> machines = new HashMap<>();
    private final Interpreter interpreter;

    /**
     * What to replay and how.
     *
     * @param engine the engine whose topics are replayed: bootstrap servers, prefix, application id,
     *     task token secret and Express history level must be the engine's
     * @param id names the replay: consumer group {@code <application id>-replay-<id>}, output topics
     *     {@code <prefix>.replay.<id>.*}
     * @param definition a new definition text to run instead of the recorded one; null for the recorded
     * @param stateMachine only executions of this state machine (required with {@code definition}); null for all
     * @param execution only this execution ARN; null for all
     * @param writeOutput create the output topics and write the replayed records there
     * @param failedOnly only executions whose recorded completion is not SUCCEEDED (FAILED, TIMED_OUT, ABORTED)
     */
    public record Settings(EngineConfig engine, String id, ReplayRange range, String definition, String stateMachine,
                           String execution, boolean writeOutput, boolean failedOnly) {
        public Settings {
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(range, "range");
            Topic.validate(engine.names().prefix() + ".replay." + id + ".transitions");
            if (definition != null && stateMachine == null) {
                throw new IllegalArgumentException("A new definition needs the state machine it replaces");
            }
        }

        String groupId() {
            return engine.applicationId() + "-replay-" + id;
        }

        String transitionsTopic() {
            return engine.names().prefix() + ".replay." + id + ".transitions";
        }

        String completionsTopic() {
            return engine.names().prefix() + ".replay." + id + ".completions";
        }
    }

    /** Hears about a replay as it goes; called on the replaying thread. */
    public interface Listener {
        /** After each execution. */
        default void result(ExecutionResult result) {}

        /** Now and then (about every second) and once at the end. */
        default void progress(int done, int total, int matched, long elapsedMillis) {}
    }

    /**
     * The state of one execution after the batch that wrote a given event.
     *
     * @param events the history up to and including that batch
     * @param state the interpreter's execution state there, as the executions store holds it
     * @param ended true when the execution's history ends before the event asked for
     */
    public record Reconstruction(String executionId, List<HistoryEvent> events, JsonNode state, boolean ended) {}

    private Replay(Settings settings) {
        this.settings = settings;
        this.serdes = EngineSerdes.of(settings.engine().serdeConfig());
        this.names = settings.engine().names();
        this.interpreter = new Interpreter(settings.engine().expressHistoryLevel(), settings.engine().taskTokenSecret());
    }

    /**
     * Replays and compares every selected execution.
     *
     * @throws IllegalArgumentException on a wrong setting (missing topic, used replay id, invalid definition)
     * @throws org.apache.kafka.common.KafkaException when Kafka cannot be reached
     */
    public static ReplayReport run(Settings settings, Listener listener) {
        return new Replay(settings).replayAll(listener);
    }

    /** Rebuilds one execution's state after the batch that wrote event {@code eventId}, from its commands. */
    public static Reconstruction reconstruct(Settings settings, long eventId) {
        if (settings.execution() == null || eventId < 1) {
            throw new IllegalArgumentException("Reconstructing needs one execution and an event id of at least 1");
        }
        Replay replay = new Replay(settings);
        long horizon = System.currentTimeMillis();
        Map<String, RecordedExecution> recorded = replay.read();
        RecordedExecution execution = recorded.get(settings.execution());
        if (execution == null) {
            throw new IllegalArgumentException("No StartExecution of " + settings.execution() + " in the range");
        }
        Prepared prepared = replay.prepare(execution);
        if (prepared.skipped() != null) {
            throw new IllegalArgumentException(prepared.skipped());
        }
        ExecutionReplayer.Replayed replayed = new ExecutionReplayer(replay.interpreter, horizon).replay(
                prepared.machine(), prepared.info(), execution.commands, prepared.guide(), prepared.tasks(),
                state -> state.lastEventId() >= eventId);
        List<HistoryEvent> events = new ArrayList<>();
        replayed.batches().forEach(b -> events.addAll(b.getEvents()));
        return new Reconstruction(execution.id(), events, ExecutionStateCodec.encode(replayed.state()),
                replayed.state().lastEventId() < eventId);
    }

    private ReplayReport replayAll(Listener listener) {
        long started = System.currentTimeMillis();
        Map<String, RecordedExecution> recorded = read();
        if (recorded.isEmpty()) {
            throw new IllegalArgumentException("No " + (settings.failedOnly() ? "failed execution" : "StartExecution")
                    + " in the range" + (settings.stateMachine() == null ? ""
                    : " for state machine " + settings.stateMachine()) + (settings.execution() == null ? ""
                    : " for execution " + settings.execution()) + "; nothing to replay");
        }
        ExecutionReplayer replayer = new ExecutionReplayer(interpreter, started);
        List<ExecutionResult> results = new ArrayList<>(recorded.size());
        long dispatched = 0;
        long reordered = 0;
        int matched = 0;
        long lastProgress = System.nanoTime();
        try (Output output = settings.writeOutput() ? new Output() : null) {
            for (RecordedExecution execution : recorded.values()) {
                ExecutionResult result;
                Prepared prepared = prepare(execution);
                if (prepared.skipped() != null) {
                    result = new ExecutionResult(execution.id(), Verdict.SKIPPED, 0, null, null, prepared.skipped(),
                            "RUNNING");
                } else {
                    ExecutionReplayer.Replayed replayed = replayer.replay(prepared.machine(), prepared.info(),
                            execution.commands, prepared.guide(), prepared.tasks(), state -> false);
                    dispatched += replayed.dispatched().size();
                    reordered += replayed.reordered();
                    if (output != null) {
                        output.write(execution.id(), replayed);
                    }
                    result = HistoryComparison.compare(execution.id(), execution.batches, execution.completion,
                            replayed.batches(), replayed.completion());
                    if (replayed.undelivered() > 0 && result.verdict() != Verdict.MATCH) {
                        result = new ExecutionResult(result.executionId(), result.verdict(), result.eventId(),
                                result.recorded(), result.replayed(), result.detail() + " (" + replayed.undelivered()
                                + " recorded task results had no replayed task to go to)", result.status());
                    }
                }
                matched += result.verdict() == Verdict.MATCH ? 1 : 0;
                results.add(result);
                listener.result(result);
                if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(1)) {
                    listener.progress(results.size(), recorded.size(), matched, System.currentTimeMillis() - started);
                    lastProgress = System.nanoTime();
                }
            }
        }
        long elapsed = System.currentTimeMillis() - started;
        listener.progress(results.size(), recorded.size(), matched, elapsed);
        return new ReplayReport(settings.id(), settings.writeOutput() ? settings.transitionsTopic() : null,
                settings.writeOutput() ? settings.completionsTopic() : null, results, dispatched, reordered, elapsed);
    }

    // ---- reading the topics ----------------------------------------------------------------

    /** The selected executions with their commands, transitions and completions, in start order. */
    private Map<String, RecordedExecution> read() {
        Map<String, RecordedExecution> selected = new LinkedHashMap<>();
        try (TopicReader reader = new TopicReader(settings.engine().bootstrapServers(), settings.groupId())) {
            List<TopicPartition> definitionPartitions = reader.partitions(names.definitions());
            reader.read(reader.beginnings(definitionPartitions), reader.ends(definitionPartitions), this::definition);
            List<TopicPartition> commands = reader.partitions(names.commands());
            Map<TopicPartition, Long> end = reader.ends(commands);
            Map<TopicPartition, Long> from = position(reader, commands, settings.range().from(), end);
            Map<TopicPartition, Long> to = settings.range().to() == null ? end
                    : position(reader, commands, settings.range().to(), end);
            reader.read(from, end, record -> command(record, to, selected));
            if (selected.isEmpty()) {
                return selected;
            }
            long earliest = selected.values().stream().mapToLong(e -> e.startRecordTime).min().orElseThrow();
            for (String topic : List.of(names.transitions(), names.completions())) {
                List<TopicPartition> partitions = reader.partitions(topic);
                reader.read(reader.offsetsAt(partitions, earliest), reader.ends(partitions),
                        record -> output(record, selected));
            }
        }
        if (settings.failedOnly()) {
            selected.values().removeIf(e -> e.completion == null
                    || e.completion.getStatus() == io.stepstream.schemas.avro.ExecutionStatus.SUCCEEDED);
        }
        return selected;
    }

    /** Where a position puts each partition; a partition an offset list leaves out is at its end (not read). */
    private static Map<TopicPartition, Long> position(TopicReader reader, List<TopicPartition> partitions, Position at,
                                                      Map<TopicPartition, Long> end) {
        if (at instanceof Position.At time) {
            return reader.offsetsAt(partitions, time.time().toEpochMilli());
        }
        Map<Integer, Long> offsets = ((Position.Offsets) at).offsets();
        for (Integer p : offsets.keySet()) {
            if (partitions.stream().noneMatch(tp -> tp.partition() == p)) {
                throw new IllegalArgumentException("Partition " + p + " does not exist; " + partitions.get(0).topic()
                        + " has " + partitions.size());
            }
        }
        Map<TopicPartition, Long> beginning = reader.beginnings(partitions);
        Map<TopicPartition, Long> result = new HashMap<>();
        for (TopicPartition p : partitions) {
            Long offset = offsets.get(p.partition());
            result.put(p, offset == null ? end.get(p) : Math.max(beginning.get(p), Math.min(offset, end.get(p))));
        }
        return result;
    }

    private void definition(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() != null && record.value() != null) {
            definitions.put(new String(record.key(), StandardCharsets.UTF_8),
                    serdes.definitions().deserializer().deserialize(record.topic(), record.value()));
        }
    }

    private void command(ConsumerRecord<byte[], byte[]> record, Map<TopicPartition, Long> to,
                         Map<String, RecordedExecution> selected) {
        Command command;
        try {
            command = serdes.commands().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException unreadable) {
            return; // the engine dead-lettered it without a change
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (command == null || key == null || !key.equals(command.getExecutionId())) {
            return;
        }
        RecordedExecution execution = selected.get(key);
        if (execution != null) {
            execution.commands.add(command); // a repeated start is a no-op or dead-lettered: the replayer ignores it
        } else if (command.getCommand() instanceof StartExecution start
                && record.offset() < to.get(new TopicPartition(record.topic(), record.partition()))
                && (settings.execution() == null || settings.execution().equals(key))
                && (settings.stateMachine() == null || settings.stateMachine().equals(start.getStateMachineName()))) {
            selected.put(key, new RecordedExecution(command, record.timestamp()));
        }
    }

    private void output(ConsumerRecord<byte[], byte[]> record, Map<String, RecordedExecution> selected) {
        RecordedExecution execution = record.key() == null ? null
                : selected.get(new String(record.key(), StandardCharsets.UTF_8));
        if (execution == null || record.value() == null) {
            return;
        }
        if (record.topic().equals(names.transitions())) {
            execution.batches.add(serdes.transitions().deserializer().deserialize(record.topic(), record.value()));
        } else if (execution.completion == null) {
            execution.completion = serdes.completions().deserializer().deserialize(record.topic(), record.value());
        }
    }

    // ---- preparing one execution ----------------------------------------------------------

    /** What replaying one execution needs, or why it is skipped. */
    private record Prepared(StateMachine machine, ExecutionInfo info, List<TransitionBatch> guide, TaskMatcher tasks,
                            String skipped) {
        static Prepared skip(String why) {
            return new Prepared(null, null, null, null, why);
        }
    }

    private Prepared prepare(RecordedExecution execution) {
        StartExecution start = execution.startExecution();
        Definition recordedDefinition = recordedDefinition(start, execution.start.getTimestamp().toEpochMilli());
        if (recordedDefinition == null && settings.definition() == null) {
            return Prepared.skip("StateMachineDoesNotExist: no published definition of '" + start.getStateMachineName()
                    + (start.getStateMachineVersion() == null ? "" : ":" + start.getStateMachineVersion())
                    + "' (the engine rejected the start)");
        }
        JsonNode input;
        try {
            input = Json.parse(start.getInput());
        } catch (RuntimeException e) {
            return Prepared.skip("InvalidExecutionInput (the engine rejected the start)");
        }
        MachineType type = MachineType.valueOf(start.getType() != null ? start.getType().name()
                : recordedDefinition != null ? recordedDefinition.getType().name() : MachineType.STANDARD.name());
        ExecutionInfo info = info(execution.id(), start, type, input, execution.start.getTimestamp().toEpochMilli());
        StateMachine recordedMachine;
        try {
            recordedMachine = recordedDefinition == null ? null : machine(
                    Definitions.versionKey(recordedDefinition.getName(), recordedDefinition.getVersion()),
                    recordedDefinition.getDefinition(), type);
        } catch (RuntimeException e) {
            recordedMachine = null;
        }
        if (settings.definition() == null) {
            if (recordedMachine == null) {
                return Prepared.skip("InvalidDefinition: the recorded definition does not compile");
            }
            return new Prepared(recordedMachine, info, execution.batches, TaskMatcher.sameIds(), null);
        }
        StateMachine machine = machine("new", settings.definition(), type);
        TaskMatcher tasks = TaskMatcher.sameIds();
        if (recordedMachine != null) {
            // Learn which state and rank each recorded task id stood for, from a replay of the recorded definition.
            List<Effect.DispatchTask> recordedTasks = new ExecutionReplayer(interpreter, Long.MAX_VALUE).replay(
                    recordedMachine, info, execution.commands, execution.batches, TaskMatcher.sameIds(),
                    state -> false).dispatched();
            tasks = TaskMatcher.byStateAndRank(recordedTasks);
        }
        // No guide: the record says how the recorded definition ran, not the new one.
        return new Prepared(machine, info, null, tasks, null);
    }

    /**
     * The definition the engine ran: the start's version, else the latest version published
     * before the start was sent (the engine ran the latest it had read; publication normally
     * precedes the starts that use it by far more than the engine's lag).
     */
    private Definition recordedDefinition(StartExecution start, long startTime) {
        String name = start.getStateMachineName();
        if (start.getStateMachineVersion() != null) {
            return definitions.get(Definitions.versionKey(name, start.getStateMachineVersion()));
        }
        Definition latest = definitions.get(Definitions.latestKey(name));
        if (latest == null) {
            return null;
        }
        Definition chosen = null;
        for (int v = 1; v <= latest.getVersion(); v++) {
            Definition d = definitions.get(Definitions.versionKey(name, v));
            if (d != null && d.getCreated().toEpochMilli() <= startTime) {
                chosen = d;
            }
        }
        return chosen != null ? chosen : latest;
    }

    private StateMachine machine(String key, String text, MachineType type) {
        return machines.computeIfAbsent(key + ":" + type, k -> {
            try {
                return StateMachines.load(text, type);
            } catch (RuntimeException e) {
                if (key.equals("new")) {
                    throw new IllegalArgumentException("The new definition is not valid as " + type + ": "
                            + e.getMessage(), e);
                }
                throw e;
            }
        });
    }

    /** The execution info the engine built: region and account from the ARN, which the engine's client made. */
    private ExecutionInfo info(String arn, StartExecution start, MachineType type, JsonNode input, long time) {
        String[] parts = arn.split(":");
        String region = parts.length > 4 ? parts[3] : settings.engine().region();
        String account = parts.length > 4 ? parts[4] : settings.engine().account();
        ExecutionInfo info = ExecutionInfo.of(region, account, start.getStateMachineName(), start.getExecutionName(),
                type, input, time);
        if (!info.executionArn().equals(arn)) {
            info = new ExecutionInfo(arn, info.name(), info.stateMachineArn(), info.stateMachineName(), info.roleArn(),
                    type, input, time);
        }
        return info;
    }

    // ---- the output topics ----------------------------------------------------------------

    /** The replay's own topics, created for it; a used replay id is refused. */
    private final class Output implements AutoCloseable {
        private final KafkaProducer<String, byte[]> producer;
        private volatile Exception failed;

        Output() {
            String bootstrap = settings.engine().bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                 TopicReader reader = new TopicReader(bootstrap, settings.groupId())) {
                int partitions = reader.partitions(names.commands()).size();
                short replication = settings.engine().replicationFactor();
                admin.createTopics(List.of(new NewTopic(settings.transitionsTopic(), partitions, replication),
                        new NewTopic(settings.completionsTopic(), partitions, replication))).all()
                        .get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    throw new IllegalArgumentException("The replay id '" + settings.id() + "' is taken ("
                            + settings.transitionsTopic() + " exists); choose another --id");
                }
                throw new IllegalStateException("Cannot create the replay's topics: " + e.getCause(), e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Creating the replay's topics took over 60 s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating the replay's topics", e);
            }
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), new ByteArraySerializer());
        }

        void write(String key, ExecutionReplayer.Replayed replayed) {
            for (TransitionBatch batch : replayed.batches()) {
                producer.send(new ProducerRecord<>(settings.transitionsTopic(), key,
                        serdes.transitions().serializer().serialize(settings.transitionsTopic(), batch)), this::sent);
            }
            Completion completion = replayed.completion();
            if (completion != null) {
                producer.send(new ProducerRecord<>(settings.completionsTopic(), key,
                        serdes.completions().serializer().serialize(settings.completionsTopic(), completion)),
                        this::sent);
            }
        }

        private void sent(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception e) {
            if (e != null && failed == null) {
                failed = e;
            }
        }

        @Override
        public void close() {
            producer.flush();
            producer.close(Duration.ofSeconds(30));
            if (failed != null) {
                throw new IllegalStateException("Could not write the replayed records: " + failed, failed);
            }
        }
    }
}
