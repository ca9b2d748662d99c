package io.stepstream.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.asl.json.Json;
import io.stepstream.connectors.worker.Worker;
import io.stepstream.runtime.client.TopicTail;
import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.schemas.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Task tokens are bound to one execution and one task attempt, and cannot be forged from guessable parts. */
@ExtendWith(KafkaBrokerExtension.class)
class CallbackTokensTest {
    private static final String ACTIVITY = "arn:aws:states:us-east-1:111111111111:activity:";

    @Test
    void aTokenWithAForgedNonceIsDeadLetteredAsInvalidTokenAndTheRealOneStillWorks(Broker broker) throws Exception {
        List<DeadLetter> letters = new CopyOnWriteArrayList<>();
        BlockingQueue<TaskInvocation> held = new ArrayBlockingQueue<>(4);
        try (TestEngine engine = TestEngine.start(broker, "tokens-test", "{}");
             TopicTail dlq = new TopicTail(broker.bootstrapServers(), List.of(engine.config().names().dlq()), true,
                     r -> letters.add(EngineSerdes.of(Map.of()).deadLetters().deserializer().deserialize(r.topic(), r.value())));
             Worker w = Worker.builder(engine.config(), engine.engine.client()).activity(ACTIVITY + "hold")
                     .handler(task -> {
                         held.add(task);
                         return TaskOutcome.pending().done();
                     }).start()) {
            String arn = engine.start(TestEngine.task(ACTIVITY + "hold", ""), "{}");
            String token = held.take().taskToken();
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n");
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (parts[0] + "\n" + parts[1] + "\n" + "1234abcd").getBytes(StandardCharsets.UTF_8));
            engine.engine.client().sendTaskSuccess(forged, "{\"forged\":true}");
            WorkerTest.awaitTrue(() -> letters.stream().anyMatch(l -> l.getReason().startsWith("InvalidToken")));

            String otherExecution = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (parts[0] + "-other\n" + parts[1] + "\n" + parts[2]).getBytes(StandardCharsets.UTF_8));
            engine.engine.client().sendTaskSuccess(otherExecution, "{}");

            engine.engine.client().sendTaskSuccess(token, "{\"real\":true}");
            assertEquals(Json.parse("{\"real\":true}"), TestEngine.output(engine.await(arn)));
            assertTrue(letters.stream().anyMatch(l -> l.getReason().startsWith("InvalidToken: Invalid Task Token")));
        }
    }
}
