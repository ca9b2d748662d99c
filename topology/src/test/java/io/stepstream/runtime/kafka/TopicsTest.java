package io.stepstream.runtime.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class TopicsTest {

    @Test
    void namesEveryTopicUnderThePrefix() {
        TopicNames names = new TopicNames("acme.prod");

        assertEquals(List.of("acme.prod.definitions", "acme.prod.commands", "acme.prod.transitions",
                        "acme.prod.tasks.payments", "acme.prod.completions", "acme.prod.dlq"),
                List.of(names.definitions(), names.commands(), names.transitions(), names.tasks("payments"),
                        names.completions(), names.dlq()));
    }

    @Test
    void rejectsIllegalTopicNames() {
        assertThrows(InvalidTopicException.class, () -> new TopicNames("has space"));
        assertThrows(InvalidTopicException.class, () -> new TopicNames("ok").tasks("a/b"));
    }

    @Test
    void createsMissingTopicsOnceWithTheirSettings(Broker broker) throws Exception {
        TopicNames names = new TopicNames("topics-test");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Topics topics = new Topics(admin, names, 3, (short) 1);

            Set<String> first = topics.createMissing(List.of("payments"));
            Set<String> again = topics.createMissing(List.of("payments"));
            Set<String> withNewQueue = topics.createMissing(List.of("payments", "emails"));

            assertEquals(6, first.size());
            assertEquals(Set.of(), again);
            assertEquals(Set.of(names.tasks("emails")), withNewQueue);
            Map<String, TopicDescription> described = admin.describeTopics(first).allTopicNames().get();
            assertEquals(1, described.get(names.definitions()).partitions().size());
            for (String keyedByExecution : List.of(names.commands(), names.transitions(), names.tasks("payments"),
                    names.completions(), names.dlq())) {
                assertEquals(3, described.get(keyedByExecution).partitions().size(), keyedByExecution);
            }
            ConfigResource definitions = new ConfigResource(ConfigResource.Type.TOPIC, names.definitions());
            Config config = admin.describeConfigs(List.of(definitions)).all().get().get(definitions);
            assertEquals("compact", config.get("cleanup.policy").value());
            assertTrue(admin.listTopics().names().get().containsAll(first));
        }
    }
}
