package io.stepstream.api;

import static io.stepstream.api.ApiTesting.await;
import static io.stepstream.api.ApiTesting.awaitEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.KafkaEngine;
import io.stepstream.runtime.engine.ExecutionTopology;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/** Two engine instances, one API each: a request about an execution the other instance owns is forwarded there. */
@ExtendWith(KafkaBrokerExtension.class)
class ForwardingTest {
    private static final Map<String, String> KEYS = Map.of("AKIDFWD", "forward-secret");
    private static final List<KafkaEngine> engines = new ArrayList<>();
    private static final List<ApiServer> servers = new ArrayList<>();
    private static final List<SfnClient> clients = new ArrayList<>();

    @BeforeAll
    static void start(Broker broker) throws Exception {
        for (int i = 0; i < 2; i++) {
            int port = freePort();
            Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target", "streams-state")), "fwd-");
            EngineConfig config = EngineConfig.builder(broker.bootstrapServers()).prefix("api-fwd").partitions(4)
                    .stateDir(state).arnScope("us-east-1", "111111111111")
                    .streams("application.server", "127.0.0.1:" + port).build();
            KafkaEngine engine = KafkaEngine.start(config);
            engines.add(engine);
            servers.add(ApiServer.start(engine, ApiSettings.local(port).withCredentials(KEYS)));
        }
        awaitBothOwnPartitions();
        for (ApiServer server : servers) {
            clients.add(ApiTesting.client(server, "AKIDFWD", "forward-secret"));
        }
    }

    private static void awaitBothOwnPartitions() throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            KafkaStreams first = engines.get(0).streams();
            boolean running = engines.stream().allMatch(e -> e.state() == KafkaStreams.State.RUNNING);
            if (running && first.metadataForAllStreamsClients().stream()
                    .filter(m -> !m.topicPartitions().isEmpty()).count() == 2) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The two instances did not share the partitions");
    }

    @AfterAll
    static void stop() {
        clients.forEach(SfnClient::close);
        servers.forEach(ApiServer::close);
        engines.forEach(KafkaEngine::close);
    }

    @Test
    void answersAboutEveryExecutionFromEitherInstance() throws Exception {
        SfnClient a = clients.get(0);
        SfnClient b = clients.get(1);
        String machine = a.createStateMachine(r -> r.name("spread").type(StateMachineType.STANDARD)
                .roleArn("arn:aws:iam::111111111111:role/r")
                .definition("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}")).stateMachineArn();
        engines.get(1).awaitDefinition("spread", 1);

        List<String> arns = new ArrayList<>();
        Set<HostInfo> owners = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            String name = "x" + i;
            String arn = a.startExecution(r -> r.stateMachineArn(machine).name(name).input("{\"i\":" + name.length() + "}"))
                    .executionArn();
            arns.add(arn);
            owners.add(engines.get(0).streams().queryMetadataForKey(ExecutionTopology.EXECUTIONS_STORE, arn,
                    new StringSerializer()).activeHost());
        }

        assertEquals(2, owners.size(), "the executions should spread over both instances: " + owners);
        for (String arn : arns) {
            for (SfnClient client : clients) {
                assertEquals(ExecutionStatus.SUCCEEDED, awaitEnd(client, arn).status(), arn);
            }
            // The history store follows the committed transitions topic, a commit interval behind the state.
            await(() -> b.getExecutionHistory(r -> r.executionArn(arn)).events().isEmpty() ? null : true);
        }
        assertEquals(8, b.listExecutions(r -> r.stateMachineArn(machine)).executions().size());
        assertEquals(8, a.listExecutions(r -> r.stateMachineArn(machine).statusFilter("SUCCEEDED")).executions().size());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
