package io.stepstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stepstream.asl.model.MachineType;
import io.stepstream.runtime.client.ExecutionOutcome;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.schemas.avro.ExecutionStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AWS lets an execution hold 10 MiB of variables, so its state can pass Kafka's default 1 MB
 * record limit: the engine's changelog and producer take larger records.
 */
@ExtendWith(KafkaBrokerExtension.class)
class LargeStateTest {
    @Test
    void anExecutionWhoseStateOutgrowsAKafkaRecordRuns(Broker broker) throws Exception {
        // Six variables of 200 KiB each (the limit is 256 KiB per variable, 10 MiB per execution).
        StringBuilder states = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            states.append("\"S").append(i).append("\":{\"Type\":\"Pass\",\"Assign\":{\"v").append(i)
                    .append(".$\":\"$.big\"},\"Next\":\"")
                    .append(i < 5 ? "S" + (i + 1) : "W").append("\"},");
        }
        String machine = "{\"StartAt\":\"S0\",\"States\":{" + states
                + "\"W\":{\"Type\":\"Wait\",\"Seconds\":1,\"Next\":\"Done\"},"
                + "\"Done\":{\"Type\":\"Pass\",\"Parameters\":{\"n.$\":\"States.StringSplit($v5, 'y')\"},\"End\":true}}}";
        try (KafkaEngine engine = TestEngines.start(broker, "large")) {
            engine.deploy("large", machine, MachineType.STANDARD);

            ExecutionOutcome outcome = engine.client().awaitOutcome(
                    engine.client().startExecution("large", "e1", "{\"big\":\"" + "x".repeat(200 * 1024) + "y\"}"), Duration.ofSeconds(60));

            assertEquals(ExecutionStatus.SUCCEEDED, outcome.status(), outcome.toString());
            assertEquals("{\"n\":[\"" + "x".repeat(200 * 1024) + "\"]}", outcome.completion().getOutput());
        }
    }
}
