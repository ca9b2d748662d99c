package io.stepstream.runtime.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerExtensionTest {
    private static Broker first;

    @Test
    void autoUsesTestcontainersOnlyWhereDockerAnswers(Broker broker) {
        String expected = switch (KafkaBrokerExtension.mode()) {
            case "auto" -> ContainerKafka.dockerAvailable() ? "testcontainers" : "embedded";
            default -> KafkaBrokerExtension.mode();
        };

        assertEquals(expected, broker.mode());
    }

    @Test
    void sharesOneBrokerAcrossTheRun(Broker broker) {
        if (first == null) {
            first = broker;
        }
        assertSame(first, broker);
    }

    @Test
    void sharesOneBrokerAcrossTheRunToo(Broker broker) {
        sharesOneBrokerAcrossTheRun(broker);
    }
}
