package io.stepstream.connectors.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.eval.Bindings;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.eval.Variables;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.jsonata.JsonataEnvironment;
import io.stepstream.asl.jsonata.JsonataExpression;
import io.stepstream.asl.path.Path;
import io.stepstream.asl.path.PayloadTemplate;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns a Kafka record into an execution input, with a transform compiled once from the rule: none
 * (the record's value), JSONata ({@code "{% $states.input.value.order %}"}, the record as
 * {@code $states.input}), a JSONPath ({@code "$.value.order"}) or a payload template
 * ({@code {"id.$": "$.value.id", "from.$": "$.topic"}}). The record seen by the transform is
 * {@code {topic, partition, offset, timestamp, key, value, headers}}; the value is JSON when its
 * bytes parse as JSON, else a string. The result depends on the record alone ({@code $now()} is the
 * record's timestamp; {@code $uuid()} and {@code States.UUID} are seeded by its position), so a
 * redelivered record gives the same input and its start stays a no-op.
 */
final class RecordInput {
    private final JsonataExpression jsonata;
    private final Path path;
    private final PayloadTemplate template;

    private RecordInput(JsonataExpression jsonata, Path path, PayloadTemplate template) {
        this.jsonata = jsonata;
        this.path = path;
        this.template = template;
    }

    /** Compiles a rule's {@code input}; throws on a transform that does not compile. */
    static RecordInput compile(JsonNode transform) {
        if (transform == null || transform.isNull()) {
            return new RecordInput(null, null, null);
        }
        if (transform.isTextual()) {
            String text = transform.asText().trim();
            if (text.startsWith("{%") && text.endsWith("%}")) {
                return new RecordInput(JsonataExpression.compile(text.substring(2, text.length() - 2)), null, null);
            }
            return new RecordInput(null, Path.compile(text), null);
        }
        return new RecordInput(null, null, PayloadTemplate.compile(transform));
    }

    /** The execution input for a record; throws {@link io.stepstream.asl.errors.AslException} when the transform fails. */
    JsonNode input(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode view = view(record);
        Entropy entropy = entropy(record);
        JsonNode input;
        if (jsonata != null) {
            input = jsonata.evaluate(JsonataEnvironment.of(view, Json.NODES.objectNode(), Variables.NONE,
                    record.timestamp(), entropy));
        } else if (path != null) {
            input = path.select(new Bindings(view, Json.NODES.objectNode(), Variables.NONE));
        } else if (template != null) {
            input = template.evaluate(new Bindings(view, Json.NODES.objectNode(), Variables.NONE), entropy);
        } else {
            input = view.get("value").isNull() ? Json.NODES.objectNode() : view.get("value"); // a tombstone starts with {}
        }
        if (input == null) {
            throw new IllegalArgumentException("The transform selected nothing from the record");
        }
        return input;
    }

    static ObjectNode view(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode view = Json.NODES.objectNode().put("topic", record.topic()).put("partition", record.partition())
                .put("offset", record.offset()).put("timestamp", record.timestamp());
        view.put("key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
        view.set("value", value(record.value()));
        ObjectNode headers = view.putObject("headers");
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return view;
    }

    private static JsonNode value(byte[] bytes) {
        if (bytes == null) {
            return Json.NODES.nullNode();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            return Json.parse(text);
        } catch (RuntimeException notJson) {
            return Json.NODES.textNode(text);
        }
    }

    private static Entropy entropy(ConsumerRecord<?, ?> record) {
        long seed = (record.topic().hashCode() * 31L + record.partition()) * 1_000_003L + record.offset();
        SplittableRandom random = new SplittableRandom(seed);
        return new Entropy() {
            @Override
            public UUID uuid() {
                long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
                long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
                return new UUID(hi, lo);
            }

            @Override
            public long nextLong() {
                return random.nextLong();
            }
        };
    }
}
