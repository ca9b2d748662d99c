package io.stepstream.bench.load;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The end offsets of a run's topics, summed over partitions: the difference of two snapshots is
 * how many records the engine and the generator wrote in between (under exactly-once, with one
 * transaction marker per partition and commit). Unlike a rate, it does not move with the machine.
 */
final class TopicOffsets {
    private TopicOffsets() {}

    /** Records so far per topic whose name starts with {@code prefix}, by the name's rest. */
    static Map<String, Long> of(String servers, String prefix) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            List<String> topics = admin.listTopics().names().get().stream()
                    .filter(topic -> topic.startsWith(prefix) && !topic.contains(".ceiling.")).toList();
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(topics).allTopicNames().get().values()
                    .stream().flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<String, Long> records = new TreeMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, offset) ->
                    records.merge(partition.topic().substring(prefix.length()), offset.offset(), Long::sum));
            return records;
        }
    }

    /** "name a.aa, ..." per execution for the topics that grew between two snapshots, and their total. */
    static String perExecution(Map<String, Long> before, Map<String, Long> after, long executions) {
        StringBuilder line = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Long> topic : after.entrySet()) {
            long written = topic.getValue() - before.getOrDefault(topic.getKey(), 0L);
            if (written > 0) {
                line.append(line.isEmpty() ? "" : ", ").append("%s %.2f".formatted(topic.getKey(),
                        (double) written / executions));
                total += written;
            }
        }
        return "%.2f (%s)".formatted((double) total / executions, line);
    }
}
