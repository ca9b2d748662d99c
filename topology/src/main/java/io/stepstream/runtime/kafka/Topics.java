package io.stepstream.runtime.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the project's topics if they are missing. Every topic keyed by execution id gets the
 * same partition count, so they stay co-partitioned and the topology needs no repartition topic;
 * the definitions topic is compacted with one partition (every instance reads all of it into a
 * global store). Topics that already exist are left exactly as they are.
 */
public final class Topics {
    private static final long TIMEOUT_SECONDS = 60;

    private final Admin admin;
    private final TopicNames names;
    private final int partitions;
    private final short replicationFactor;

    public Topics(Admin admin, TopicNames names, int partitions, short replicationFactor) {
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("partitions and replication factor must be at least 1");
        }
        this.admin = admin;
        this.names = names;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    /** The topics this helper creates for these task queues, with their settings. */
    public List<NewTopic> newTopics(Collection<String> taskQueues) {
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(names.definitions(), 1, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        for (String name : List.of(names.commands(), names.transitions(), names.completions(), names.dlq())) {
            topics.add(new NewTopic(name, partitions, replicationFactor));
        }
        for (String queue : new LinkedHashSet<>(taskQueues)) {
            topics.add(new NewTopic(names.tasks(queue), partitions, replicationFactor));
        }
        return topics;
    }

    /**
     * Creates whichever of {@link #newTopics} do not exist yet; safe to call on every start and
     * from several instances at once.
     *
     * @return the names this call created (empty when all existed)
     */
    public Set<String> createMissing(Collection<String> taskQueues) {
        CreateTopicsResult result = admin.createTopics(newTopics(taskQueues));
        Set<String> created = new LinkedHashSet<>();
        result.values().forEach((name, future) -> {
            try {
                future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                created.add(name);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create topic " + name + ": " + e.getCause(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("Creating topic " + name + " took over " + TIMEOUT_SECONDS + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating topic " + name, e);
            }
        });
        return Collections.unmodifiableSet(created);
    }
}
