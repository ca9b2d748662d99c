package io.stepstream.runtime.client;

import io.stepstream.asl.StateMachines;
import io.stepstream.asl.engine.TaskTokens;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.engine.Definitions;
import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.runtime.kafka.TopicNames;
import io.stepstream.runtime.kafka.Topics;
import io.stepstream.schemas.avro.Command;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.DeadLetter;
import io.stepstream.schemas.avro.Definition;
import io.stepstream.schemas.avro.SendTaskFailure;
import io.stepstream.schemas.avro.SendTaskHeartbeat;
import io.stepstream.schemas.avro.SendTaskSuccess;
import io.stepstream.schemas.avro.StartExecution;
import io.stepstream.schemas.avro.StopExecution;
import io.stepstream.schemas.avro.TransitionBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Talks to an engine through its topics, as any application can: publish definitions, start
 * executions, report task results, stop executions, and wait for how an execution ended (from
 * the completions topic, or the dead-letter topic when its start was rejected). Thread-safe.
 */
public final class EngineClient implements AutoCloseable {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final int KEPT_OUTCOMES = 100_000;

    private final EngineConfig config;
    private final TopicNames names;
    private final EngineSerdes serdes;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Definition> definitions = new ConcurrentHashMap<>();
    /** Per machine name, the offset of its latest definition record this client has seen or written. */
    private final Map<String, Long> definitionOffsets = new ConcurrentHashMap<>();
    private final Map<String, ExecutionOutcome> outcomes = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ExecutionOutcome> eldest) {
            return size() > KEPT_OUTCOMES;
        }
    };
    private final Admin admin;
    private final Set<String> knownQueues = ConcurrentHashMap.newKeySet();
    private final TopicTail catalog;
    private final TopicTail results;

    /** Connects to the engine's topics, which must exist (the engine creates them on start). */
    public EngineClient(EngineConfig config) {
        this.config = config;
        this.names = config.names();
        this.serdes = EngineSerdes.of(config.serdeConfig());
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 1), new StringSerializer(), new ByteArraySerializer());
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()));
        this.catalog = new TopicTail(config.bootstrapServers(), List.of(names.definitions()), true, this::definition);
        this.results = new TopicTail(config.bootstrapServers(), List.of(names.completions(), names.dlq()), false,
                this::result);
        try {
            if (!catalog.awaitCaughtUp(SEND_TIMEOUT)) {
                throw new IllegalStateException("Could not read " + names.definitions() + " within " + SEND_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the definitions", e);
        }
    }

    public TopicNames names() {
        return names;
    }

    /**
     * Publishes a definition as the next version of {@code name} (CreateStateMachine, or
     * UpdateStateMachine with publish) after validating it as AWS does, and creates the task
     * topics its Task states need. A start this client sends next carries the definition's offset,
     * so an engine whose global store has not read it yet waits for it instead of answering
     * StateMachineDoesNotExist.
     *
     * @return the version published
     * @throws io.stepstream.asl.validate.InvalidDefinitionException when AWS would reject it
     */
    public int deploy(String name, String definitionText, MachineType type) {
        StateMachines.load(definitionText, type);
        Set<String> queues = new java.util.TreeSet<>(config.taskQueues().queues(Json.parse(definitionText)));
        queues.removeAll(knownQueues);
        if (!queues.isEmpty()) {
            new Topics(admin, names, config.partitions(), config.replicationFactor()).createMissing(queues);
            knownQueues.addAll(queues);
        }
        Definition latest = definitions.get(Definitions.latestKey(name));
        int version = latest == null ? 1 : latest.getVersion() + 1;
        Definition definition = new Definition(name, version, definitionText,
                io.stepstream.schemas.avro.MachineType.valueOf(type.name()), Instant.now(), null, null);
        byte[] value = serdes.definitions().serializer().serialize(names.definitions(), definition);
        send(new ProducerRecord<>(names.definitions(), Definitions.versionKey(name, version), value));
        long offset = send(new ProducerRecord<>(names.definitions(), Definitions.latestKey(name), value)).offset();
        definitions.put(Definitions.versionKey(name, version), definition);
        definitions.put(Definitions.latestKey(name), definition);
        definitionOffsets.merge(name, offset, Math::max);
        return version;
    }

    /**
     * Starts an execution of the latest version of a state machine.
     *
     * @param input the execution input as JSON text (the engine checks it)
     * @return the execution ARN, which keys every record of the execution
     */
    public String startExecution(String machineName, String executionName, String input) {
        Definition latest = definitions.get(Definitions.latestKey(machineName));
        MachineType type = latest == null ? MachineType.STANDARD : MachineType.valueOf(latest.getType().name());
        String arn = executionArn(machineName, executionName, type);
        send(arn, new StartExecution(machineName, null, executionName, input, null, null, null, null));
        return arn;
    }

    /** The type of the latest published version of a state machine; empty when none is published. */
    public Optional<MachineType> machineType(String machineName) {
        Definition latest = definitions.get(Definitions.latestKey(machineName));
        return latest == null ? Optional.empty() : Optional.of(MachineType.valueOf(latest.getType().name()));
    }

    /** The ARN an execution of this name gets, in AWS's shape. */
    public String executionArn(String machineName, String executionName, MachineType type) {
        return "arn:aws:states:" + config.region() + ":" + config.account()
                + (type == MachineType.EXPRESS ? ":express:" : ":execution:") + machineName + ":" + executionName;
    }

    public void sendTaskSuccess(String taskToken, String output) {
        send(executionOf(taskToken), new SendTaskSuccess(taskToken, output));
    }

    public void sendTaskFailure(String taskToken, String error, String cause) {
        send(executionOf(taskToken), new SendTaskFailure(taskToken, error, cause));
    }

    public void sendTaskHeartbeat(String taskToken) {
        send(executionOf(taskToken), new SendTaskHeartbeat(taskToken));
    }

    public void stopExecution(String executionArn, String error, String cause) {
        send(executionArn, new StopExecution(error, cause));
    }

    /** RedriveExecution; {@code clientToken} (may be null) makes a repeated redrive a no-op. */
    public void redriveExecution(String executionArn, String clientToken) {
        send(executionArn, new io.stepstream.schemas.avro.RedriveExecution(clientToken));
    }

    /** Sends any command, keyed by its execution id, dated now. */
    public void send(String executionArn, Object command) {
        send(executionArn, command, Instant.now());
    }

    /**
     * Sends any command dated {@code timestamp}: the interpreter's now for it, from which Wait,
     * Retry and timeout timers are due (a date in the past makes them due at once).
     */
    public void send(String executionArn, Object command, Instant timestamp) {
        Command record = new Command(executionArn, null, timestamp, command);
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(names.commands(), executionArn,
                serdes.commands().serializer().serialize(names.commands(), record));
        Long definitionOffset = command instanceof StartExecution start
                ? definitionOffsets.get(start.getStateMachineName()) : null;
        if (definitionOffset != null) { // the engine waits for its global store to read this far (a fresh deploy)
            out.headers().add(Definitions.OFFSET_HEADER, Long.toString(definitionOffset).getBytes(StandardCharsets.UTF_8));
        }
        send(out);
    }

    /**
     * Waits for how an execution ended. Only outcomes written after this client was created are
     * seen; they are kept until asked for (the last {@value #KEPT_OUTCOMES}).
     *
     * @throws IllegalStateException when none arrives within the timeout
     */
    public ExecutionOutcome awaitOutcome(String executionArn, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (outcomes) {
            while (!outcomes.containsKey(executionArn)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IllegalStateException("No outcome for " + executionArn + " within " + timeout);
                }
                outcomes.wait(left);
            }
            return outcomes.remove(executionArn);
        }
    }

    /**
     * Calls {@code listener} with every transition batch written from now on (on a background
     * thread); not with the tombstones that delete an expired execution's history.
     */
    public AutoCloseable onTransitions(Consumer<TransitionBatch> listener) {
        return new TopicTail(config.bootstrapServers(), List.of(names.transitions()), false, record -> {
            if (record.value() != null) {
                listener.accept(serdes.transitions().deserializer().deserialize(record.topic(), record.value()));
            }
        });
    }

    private void definition(ConsumerRecord<byte[], byte[]> record) {
        String key = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            definitions.remove(key);
        } else {
            Definition d = serdes.definitions().deserializer().deserialize(record.topic(), record.value());
            definitions.merge(key, d, (old, now) -> now.getVersion() >= old.getVersion() ? now : old);
            if (key.equals(Definitions.latestKey(d.getName()))) {
                definitionOffsets.merge(d.getName(), record.offset(), Math::max);
            }
        }
    }

    private void result(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        String arn = new String(record.key(), StandardCharsets.UTF_8);
        ExecutionOutcome outcome;
        if (record.topic().equals(names.completions())) {
            Completion completion = serdes.completions().deserializer().deserialize(record.topic(), record.value());
            outcome = new ExecutionOutcome(arn, completion, null);
        } else {
            DeadLetter letter = serdes.deadLetters().deserializer().deserialize(record.topic(), record.value());
            if (!isStart(letter)) {
                return;
            }
            outcome = new ExecutionOutcome(arn, null, letter.getReason());
        }
        synchronized (outcomes) {
            if (outcome.completion() != null) {
                outcomes.put(arn, outcome); // a redriven execution completes again: the latest end wins
            } else {
                outcomes.putIfAbsent(arn, outcome);
            }
            outcomes.notifyAll();
        }
    }

    /** Only a rejected StartExecution decides an execution's outcome; other dead letters do not. */
    private boolean isStart(DeadLetter letter) {
        ByteBuffer value = letter.getValue();
        if (value == null || !names.commands().equals(letter.getTopic())) {
            return false;
        }
        byte[] bytes = new byte[value.remaining()];
        value.duplicate().get(bytes);
        try {
            return serdes.commands().deserializer().deserialize(letter.getTopic(), bytes).getCommand()
                    instanceof StartExecution;
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    private static String executionOf(String taskToken) {
        TaskTokens.Decoded decoded = TaskTokens.decode(taskToken);
        if (decoded == null) {
            throw new IllegalArgumentException("Not a task token: " + taskToken);
        }
        return decoded.executionArn();
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not send to " + record.topic() + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Sending to " + record.topic() + " took over " + SEND_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to " + record.topic(), e);
        }
    }

    @Override
    public void close() {
        results.close();
        catalog.close();
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
