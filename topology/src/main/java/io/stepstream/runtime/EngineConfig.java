package io.stepstream.runtime;

import io.stepstream.asl.engine.HistoryLevel;
import io.stepstream.runtime.engine.TaskQueues;
import io.stepstream.runtime.kafka.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one Stepstream engine runs: where Kafka is, which topics (by prefix), how it processes.
 * Build one with {@link #builder(String)}; every setting has a default fit for a single node.
 *
 * @param bootstrapServers Kafka's {@code host:port} list; never null
 * @param names the topic names under the configured prefix; never null
 * @param applicationId the Kafka Streams application id (also the consumer group); never null
 * @param guarantee how records are processed: exactly once (Standard and Express executions) or at
 *     least once (Express only, see topology/README.md)
 * @param partitions of every execution-keyed topic the engine creates
 * @param replicationFactor of every topic the engine creates
 * @param stateDir Kafka Streams' state directory; null for Kafka's default
 * @param region the region in the ARNs the engine writes
 * @param account the account in the ARNs the engine writes
 * @param taskTokenSecret mixed into every task token; every instance (and every replay) must use the same
 * @param expressHistoryLevel the history Express executions write (Standard always writes all of it)
 * @param timerInterval how often the timer punctuator looks for due timers (wall-clock time)
 * @param timerBudget how long the punctuations of one stream thread may fire timers per interval before
 *     they yield to processing; a thread that read no command for an interval may fire for all of it
 * @param serdeConfig the Avro serdes' configuration (e.g. {@code schema.registry.url}); may be empty
 * @param streamsOverrides any Kafka Streams property, applied last
 * @param retention how long an ended execution stays in the store (AWS: 90 days); until then its
 *     name cannot be reused and a start of it is {@code ExecutionAlreadyExists}. {@link Duration#ZERO}
 *     deletes it when it ends
 * @param taskRoutes which task queue a Resource goes to, before {@link TaskQueues#DEFAULT_ROUTES}; may be empty
 */
public record EngineConfig(String bootstrapServers, TopicNames names, String applicationId, Guarantee guarantee,
                           int partitions, short replicationFactor, Path stateDir, String region, String account,
                           long taskTokenSecret, HistoryLevel expressHistoryLevel, Duration timerInterval,
                           Duration timerBudget, Map<String, Object> serdeConfig, Map<String, Object> streamsOverrides,
                           Duration retention, List<TaskQueues.Route> taskRoutes) {

    /** The processing guarantee of an engine. */
    public enum Guarantee {
        /** Kafka transactions ({@code exactly_once_v2}): Standard and Express executions. */
        EXACTLY_ONCE,
        /** {@code at_least_once}: faster, Express executions only (Standard starts are dead-lettered). */
        AT_LEAST_ONCE
    }

    public EngineConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(guarantee, "guarantee");
        Objects.requireNonNull(expressHistoryLevel, "expressHistoryLevel");
        serdeConfig = Map.copyOf(serdeConfig);
        streamsOverrides = Map.copyOf(streamsOverrides);
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative: " + retention);
        }
        taskRoutes = List.copyOf(taskRoutes);
    }

    /** The task routing: {@link #taskRoutes()} first, then the defaults. */
    public TaskQueues taskQueues() {
        return TaskQueues.of(taskRoutes);
    }

    /**
     * Kafka Streams threads for an engine with a process of its own: one per core, at most one per
     * partition, since a thread without a partition idles. {@code stepstream server} runs this many;
     * an engine built otherwise keeps Streams' default of one unless told.
     */
    public static int threadsPerCore(int partitions) {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), partitions));
    }

    /** AWS keeps a closed execution (and so its name) for 90 days. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);

    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** Collects settings; {@link #build()} makes the config. */
    public static final class Builder {
        private final String bootstrapServers;
        private String prefix = TopicNames.DEFAULT_PREFIX;
        private String applicationId;
        private Guarantee guarantee = Guarantee.EXACTLY_ONCE;
        private int partitions = 1;
        private short replicationFactor = 1;
        private Path stateDir;
        private String region = "us-east-1";
        private String account = "123456789012";
        private long taskTokenSecret;
        private HistoryLevel expressHistoryLevel = HistoryLevel.ALL;
        private Duration timerInterval = Duration.ofMillis(100);
        private Duration timerBudget = Duration.ofMillis(50);
        private final Map<String, Object> serdeConfig = new LinkedHashMap<>();
        private final Map<String, Object> streamsOverrides = new LinkedHashMap<>();
        private Duration retention = DEFAULT_RETENTION;
        private final List<TaskQueues.Route> taskRoutes = new ArrayList<>();

        private Builder(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
        }

        /** The topic prefix (default {@code stepstream}); the application id defaults to {@code <prefix>-engine}. */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        public Builder applicationId(String applicationId) {
            this.applicationId = applicationId;
            return this;
        }

        public Builder guarantee(Guarantee guarantee) {
            this.guarantee = guarantee;
            return this;
        }

        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        public Builder replicationFactor(short replicationFactor) {
            this.replicationFactor = replicationFactor;
            return this;
        }

        public Builder stateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        public Builder arnScope(String region, String account) {
            this.region = region;
            this.account = account;
            return this;
        }

        public Builder taskTokenSecret(long secret) {
            this.taskTokenSecret = secret;
            return this;
        }

        public Builder expressHistoryLevel(HistoryLevel level) {
            this.expressHistoryLevel = level;
            return this;
        }

        public Builder timers(Duration interval, Duration budget) {
            this.timerInterval = interval;
            this.timerBudget = budget;
            return this;
        }

        public Builder serde(String name, Object value) {
            serdeConfig.put(name, value);
            return this;
        }

        public Builder streams(String name, Object value) {
            streamsOverrides.put(name, value);
            return this;
        }

        /** How long an ended execution is kept (default 90 days, as AWS); {@link Duration#ZERO} deletes it at once. */
        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        /** Sends Task states whose Resource matches {@code resourceRegex} to {@code queue} ({@code $1} = group 1). */
        public Builder taskRoute(String resourceRegex, String queue) {
            taskRoutes.add(TaskQueues.Route.of(resourceRegex, queue));
            return this;
        }

        public EngineConfig build() {
            TopicNames names = new TopicNames(prefix);
            return new EngineConfig(bootstrapServers, names, applicationId != null ? applicationId : prefix + "-engine",
                    guarantee, partitions, replicationFactor, stateDir, region, account, taskTokenSecret,
                    expressHistoryLevel, timerInterval, timerBudget, serdeConfig, streamsOverrides, retention,
                    taskRoutes);
        }
    }
}
