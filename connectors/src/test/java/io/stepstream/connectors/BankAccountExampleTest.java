package io.stepstream.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.connectors.worker.Worker;
import io.stepstream.runtime.client.EngineClient;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.ExecutionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's example, as written there: connectors/examples/bank-account.asl.json with its worker and reviewer. */
@ExtendWith(KafkaBrokerExtension.class)
class BankAccountExampleTest {
    private static final Path EXAMPLES = Path.of("examples");

    @Test
    void cleanApplicationsAreApprovedAndFlaggedOnesWaitForAReviewer(Broker broker) throws Exception {
        String connectors = Json.write(Json.parse(Files.readString(EXAMPLES.resolve("connectors.json"))).get("connectors"));
        try (TestEngine engine = TestEngine.start(broker, "stepstream-bank", connectors)) {
            EngineClient client = engine.engine.client();
            engine.engine.deploy("bank-account", Files.readString(EXAMPLES.resolve("bank-account.asl.json")),
                    MachineType.STANDARD);
            BlockingQueue<JsonNode> reviews = new ArrayBlockingQueue<>(4);
            try (Worker checks = checksWorker(engine);
                 AutoCloseable reviewer = reviewer(broker, engine.config().names().prefix(), reviews)) {
                String clean = client.startExecution("bank-account", "jane",
                        "{\"name\":\"Jane Doe\",\"address\":\"1 Main St\"}");
                assertEquals(Json.parse("{\"status\":\"APPROVED\",\"name\":\"Jane Doe\"}"),
                        TestEngine.output(engine.await(clean)));

                String flagged = client.startExecution("bank-account", "mallory",
                        "{\"name\":\"Mallory\",\"address\":\"PO Box 0\"}");
                JsonNode review = reviews.take();
                assertEquals("Mallory", review.at("/application/name").asText());
                // What the reviewer runs to approve (the token came in the review message):
                client.sendTaskSuccess(review.get("taskToken").asText(), "{\"approved\":true,\"by\":\"alice\"}");
                assertEquals(Json.parse("{\"status\":\"APPROVED\",\"name\":\"Mallory\"}"),
                        TestEngine.output(engine.await(flagged)));

                String rejected = client.startExecution("bank-account", "eve", "{\"name\":\"Eve\",\"address\":\"PO Box 1\"}");
                client.sendTaskSuccess(reviews.take().get("taskToken").asText(), "{\"approved\":false}");
                Completion c = engine.await(rejected);
                assertEquals(ExecutionStatus.FAILED, c.getStatus());
                assertEquals("ApplicationRejected", c.getError());
            }
        }
    }

    /** The README's worker: CheckName flags nobody, CheckAddress flags PO boxes. */
    private static Worker checksWorker(TestEngine engine) {
        return Worker.builder(engine.config(), engine.engine.client())
                .activity("arn:aws:states:us-east-1:123456789012:activity:check-name")
                .activity("arn:aws:states:us-east-1:123456789012:activity:check-address")
                .group("bank-checks")
                .function(task -> task.input().has("name")
                        ? Json.NODES.objectNode().put("flagged", false)
                        : Json.NODES.objectNode().put("flagged", task.input().get("address").asText().startsWith("PO Box")))
                .start();
    }

    /** A reviewer's inbox: the messages PendingReview writes to the account-reviews topic. */
    private static AutoCloseable reviewer(Broker broker, String prefix, BlockingQueue<JsonNode> reviews) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, prefix + "-reviewer",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("account-reviews"));
        Thread thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> reviews.add(Json.parse(r.value())));
                }
            } catch (org.apache.kafka.common.errors.InterruptException | org.apache.kafka.common.errors.WakeupException e) {
                // stopping
            } finally {
                consumer.close();
            }
        });
        thread.start();
        return () -> {
            consumer.wakeup();
            thread.join(10_000);
        };
    }
}
