package io.stepstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stepstream.asl.model.MachineType;
import io.stepstream.runtime.client.EngineClient;
import io.stepstream.runtime.client.ExecutionOutcome;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.schemas.avro.ExecutionStatus;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A start sent right after a deploy, by a client that is not the engine, to an engine whose global
 * store reads definitions late (its global consumer waits up to 2 s per fetch): the start waits
 * for the definition instead of being dead-lettered as StateMachineDoesNotExist.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DefinitionRaceTest {
    @Test
    void aStartRightAfterADeployFindsItsMachineOnALaggingEngine(Broker broker) throws Exception {
        EngineConfig config = TestEngines.config(broker, "race")
                .streams(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), 10_000_000)
                .streams(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 2000)
                .build();
        try (KafkaEngine engine = KafkaEngine.start(config); EngineClient remote = new EngineClient(config)) {
            remote.deploy("fresh", """
                    {"StartAt":"P","States":{"P":{"Type":"Pass","Result":"found","End":true}}}""",
                    MachineType.STANDARD);

            ExecutionOutcome outcome = remote.awaitOutcome(remote.startExecution("fresh", "e1", "{}"),
                    Duration.ofSeconds(60));

            assertEquals(ExecutionStatus.SUCCEEDED, outcome.status(), outcome.toString());
            assertEquals("\"found\"", outcome.completion().getOutput());
        }
    }
}
