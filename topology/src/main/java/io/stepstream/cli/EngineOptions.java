package io.stepstream.cli;

import io.stepstream.asl.engine.HistoryLevel;
import io.stepstream.runtime.EngineConfig;
import picocli.CommandLine.Option;

/**
 * The options that name an engine and must be the same wherever it is run or replayed: its topics,
 * application id, task token secret (which also seeds UUIDs), Express history level and record format.
 */
final class EngineOptions {

    @Option(names = "--prefix", defaultValue = "stepstream", description = "The topic prefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--application-id", description = "The Kafka Streams application id (default: <prefix>-engine).")
    String applicationId;

    @Option(names = "--task-token-secret", defaultValue = "${env:STEPSTREAM_TASK_TOKEN_SECRET:-0}",
            description = "Mixed into task tokens and the seed of UUIDs and random numbers; the same on every server"
                    + " and replay (default: $STEPSTREAM_TASK_TOKEN_SECRET).")
    long taskTokenSecret;

    @Option(names = "--express-history", defaultValue = "ALL",
            description = "History level of Express executions: ALL, ERROR, FATAL, OFF (default: ${DEFAULT-VALUE}).")
    HistoryLevel expressHistory;

    @Option(names = "--schema-registry-url", description = "A Confluent-compatible schema registry (default: none).")
    String schemaRegistryUrl;

    /** Applies these options to {@code builder} and returns it. */
    EngineConfig.Builder applyTo(EngineConfig.Builder builder) {
        builder.prefix(prefix).taskTokenSecret(taskTokenSecret).expressHistoryLevel(expressHistory);
        if (applicationId != null) {
            builder.applicationId(applicationId);
        }
        if (schemaRegistryUrl != null) {
            builder.serde("schema.registry.url", schemaRegistryUrl);
        }
        return builder;
    }
}
