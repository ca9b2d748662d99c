package io.stepstream.runtime.kafka;

import org.apache.kafka.common.internals.Topic;

/**
 * The names of the project's topics under one prefix, e.g. {@code stepstream.commands}. Every
 * name is a legal Kafka topic name (checked here, so a bad prefix or queue fails early).
 *
 * @param prefix never null; letters, digits, '.', '_' and '-'
 */
public record TopicNames(String prefix) {
    public static final String DEFAULT_PREFIX = "stepstream";

    public TopicNames {
        Topic.validate(prefix + ".x");
    }

    /** Compacted; state machine definitions keyed by name (and version). */
    public String definitions() {
        return named("definitions");
    }

    /** Commands keyed by execution id. */
    public String commands() {
        return named("commands");
    }

    /** Transition batches keyed by execution id. */
    public String transitions() {
        return named("transitions");
    }

    /** Task requests of one queue (an activity or worker group), keyed by execution id. */
    public String tasks(String queue) {
        return named("tasks." + queue);
    }

    /** Execution completions keyed by execution id. */
    public String completions() {
        return named("completions");
    }

    /** Records that could not be read or applied, under their original key. */
    public String dlq() {
        return named("dlq");
    }

    private String named(String suffix) {
        String name = prefix + "." + suffix;
        Topic.validate(name);
        return name;
    }
}
