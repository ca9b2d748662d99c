package io.stepstream.api;

import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.client.TopicTail;
import io.stepstream.schemas.AvroSerde;
import io.stepstream.schemas.avro.StateMachineAlias;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * State machine aliases, on a compacted topic of their own ({@code <prefix>.aliases}, keyed
 * {@code machine:alias}) that every API instance reads whole into memory: the engine never reads
 * them, since a start through an alias is sent to the engine with the version it routed to.
 * A write returns once this instance has read it back.
 */
final class Aliases implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String topic;
    private final AvroSerde<StateMachineAlias> serde;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, StateMachineAlias> aliases = new ConcurrentHashMap<>();
    private final TopicTail tail;

    Aliases(EngineConfig config) {
        this.topic = config.names().prefix() + ".aliases";
        this.serde = AvroSerde.of(StateMachineAlias.class, config.serdeConfig(), false);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, config.replicationFactor())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create " + topic + ": " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Could not create " + topic + " within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        this.tail = new TopicTail(config.bootstrapServers(), List.of(topic), true, this::read);
    }

    static String key(String machine, String alias) {
        return machine + ":" + alias;
    }

    /** The alias, or null. */
    StateMachineAlias get(String machine, String alias) {
        return aliases.get(key(machine, alias));
    }

    /** The aliases of a machine, by name. */
    List<StateMachineAlias> of(String machine) {
        List<StateMachineAlias> out = new ArrayList<>();
        aliases.values().forEach(a -> {
            if (a.getStateMachineName().equals(machine)) {
                out.add(a);
            }
        });
        out.sort((a, b) -> a.getName().compareTo(b.getName()));
        return out;
    }

    void put(StateMachineAlias alias) {
        String key = key(alias.getStateMachineName(), alias.getName());
        write(key, serde.serializer().serialize(topic, alias));
        await(() -> alias.equals(aliases.get(key)));
    }

    void delete(String machine, String alias) {
        String key = key(machine, alias);
        write(key, null);
        await(() -> !aliases.containsKey(key));
    }

    private void write(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not write to " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("An alias written was not read back within " + WAIT);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void read(ConsumerRecord<byte[], byte[]> record) {
        String key = new String(Objects.requireNonNull(record.key()), StandardCharsets.UTF_8);
        if (record.value() == null) {
            aliases.remove(key);
        } else {
            aliases.put(key, serde.deserializer().deserialize(topic, record.value()));
        }
    }

    @Override
    public void close() {
        tail.close();
        producer.close(Duration.ofSeconds(5));
    }
}
