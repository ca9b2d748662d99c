package io.stepstream.runtime.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    @Test
    void keepsTopicsAcrossARestartInTheSameDirectory(@TempDir Path home) throws Exception {
        TopicNames names = new TopicNames("restart");
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().directory(home).start()) {
            createTopics(kafka);
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().directory(home).start(); Admin admin = admin(kafka)) {
            assertTrue(admin.listTopics().names().get().contains(names.commands()));
        }
        assertTrue(Files.exists(home.resolve("server.properties")), "a kept directory stays");
    }

    @Test
    void deletesATemporaryDirectoryOnClose() {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        Path directory = kafka.directory();
        kafka.close();
        kafka.close();

        assertFalse(Files.exists(directory));
    }

    private static void createTopics(EmbeddedKafka kafka) {
        try (Admin admin = admin(kafka)) {
            new Topics(admin, new TopicNames("restart"), 1, (short) 1).createMissing(List.of());
        }
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
