package io.stepstream.connectors.ingress;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Execution names derived from what identifies an event, so the same event always names the same
 * execution and the engine's idempotent start turns a redelivery into a no-op. A derived name
 * that AWS would not accept (over 80 characters, or characters AWS forbids in names) is replaced by
 * a UUID computed from it, which is just as stable.
 */
final class ExecutionNames {
    private static final Pattern FORBIDDEN = Pattern.compile("[\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]");

    private ExecutionNames() {}

    /** {@code <topic>-<partition>-<offset>}: unique per record, the same on every redelivery. */
    static String ofPosition(ConsumerRecord<?, ?> record) {
        return valid(record.topic() + "-" + record.partition() + "-" + record.offset());
    }

    /** The record's key (the producer's idempotency key); falls back to the position when there is none. */
    static String ofKey(ConsumerRecord<byte[], ?> record) {
        return record.key() == null ? ofPosition(record) : valid(new String(record.key(), StandardCharsets.UTF_8));
    }

    /** {@code name} when AWS would accept it as an execution name, else a UUID derived from it. */
    static String valid(String name) {
        if (!name.isEmpty() && name.length() <= 80 && !FORBIDDEN.matcher(name).find()) {
            return name;
        }
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
