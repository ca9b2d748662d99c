package io.stepstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.api.ApiServer;
import io.stepstream.api.ApiSettings;
import io.stepstream.asl.model.MachineType;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.KafkaEngine;
import io.stepstream.runtime.client.TaskWorker;
import io.stepstream.runtime.engine.TaskQueues;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** The API subcommands of {@code ./stepstream} against a server that requires signatures. */
@ExtendWith(KafkaBrokerExtension.class)
class ApiCommandsTest {
    private static KafkaEngine engine;
    private static ApiServer server;
    private static TaskWorker worker;
    private static final Map<String, String> tokens = new ConcurrentHashMap<>();

    @BeforeAll
    static void start(Broker broker) throws Exception {
        Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target", "streams-state")), "cli-");
        EngineConfig config = EngineConfig.builder(broker.bootstrapServers()).prefix("api-cli").partitions(1)
                .stateDir(state).arnScope("us-east-1", "111111111111").build();
        engine = KafkaEngine.start(config);
        server = ApiServer.start(engine, ApiSettings.local(0).withCredentials(Map.of("AKIDCLI", "cli-secret")));
        worker = new TaskWorker(config, engine.client(), "api-cli-worker",
                List.of(TaskQueues.DEFAULT, "lambda"), request -> {
            tokens.put(request.getExecutionId(), request.getTaskToken());
            return null;
        });
        engine.deploy("pass", """
                {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"done","End":true}}}""", MachineType.STANDARD);
        engine.deploy("hold", """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:f",
                 "End":true}}}""", MachineType.STANDARD);
    }

    @AfterAll
    static void stop() {
        worker.close();
        server.close();
        engine.close();
    }

    /** Exit code, stdout and stderr of one command line. */
    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint", "http://127.0.0.1:" + server.port(), "--access-key", "AKIDCLI",
                "--secret-key", "cli-secret"));
        return runRaw(all.toArray(String[]::new));
    }

    private static Run runRaw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Main()).setExpandAtFiles(false).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void startsAnExecutionByMachineNameAndWaitsForItsOutput() {
        Run start = run("start", "pass", "--name", "w1", "--wait");

        assertEquals(0, start.exit(), start.err());
        assertTrue(start.out().contains("arn:aws:states:us-east-1:111111111111:execution:pass:w1"), start.out());
        assertTrue(start.out().contains("SUCCEEDED\n\"done\""), start.out());
        Run describe = run("describe", "arn:aws:states:us-east-1:111111111111:execution:pass:w1");
        assertEquals(0, describe.exit());
        assertTrue(describe.out().contains("\"status\" : \"SUCCEEDED\""), describe.out());
    }

    @Test
    void followsTheHistoryOfACallbackUntilSendTaskSuccessEndsIt() throws Exception {
        Run start = run("start", "hold", "--name", "h1", "--input", "{\"x\":1}");
        String arn = start.out().trim();
        String token = await(arn);

        Run success = run("send-task-success", token, "--output", "{\"ok\":true}");
        Run history = run("history", arn, "--follow");

        assertEquals(0, success.exit(), success.err());
        assertEquals(0, history.exit(), history.err());
        assertTrue(history.out().contains("ExecutionStarted {\"input\":\"{\\\"x\\\":1}\""), history.out());
        assertTrue(history.out().contains("ExecutionSucceeded {\"output\":\"{\\\"ok\\\":true}\""), history.out());
    }

    @Test
    void stopsAnExecutionAndFailsATaskWithDocumentedExitCodes() throws Exception {
        String arn = run("start", "hold", "--name", "s1").out().trim();
        String token = await(arn);

        assertEquals(0, run("stop", arn, "--error", "Halt").exit());
        Run late = run("send-task-failure", token, "--error", "E");
        Run follow = run("history", arn, "--follow");

        assertEquals(3, late.exit(), late.err());
        assertTrue(late.err().contains("TaskTimedOut"), late.err());
        assertEquals(1, follow.exit(), follow.out());
    }

    @Test
    void redrivesAStoppedExecutionAndExplainsWhyARunningOneCannotBe() throws Exception {
        String arn = run("start", "hold", "--name", "r1").out().trim();
        await(arn);
        assertEquals(0, run("stop", arn).exit());

        Run redrive = run("redrive", arn, "--client-token", "t1");
        Run again = run("redrive", arn);
        run("stop", arn);

        assertEquals(0, redrive.exit(), redrive.err());
        assertTrue(redrive.out().contains("Redriven " + arn), redrive.out());
        assertEquals(3, again.exit(), again.err());
        assertTrue(again.err().contains("ExecutionNotRedrivable") && again.err().contains("RUNNING"), again.err());
    }

    @Test
    void explainsRefusalsBadArgumentsAndAMissingServer() {
        Run missing = run("describe", "arn:aws:states:us-east-1:111111111111:execution:pass:nope");
        Run badInput = run("start", "pass", "--input", "{not json");
        Run unsigned = runRaw("describe", "arn:aws:states:us-east-1:111111111111:execution:pass:nope",
                "--endpoint", "http://127.0.0.1:" + server.port());
        Run nobody = runRaw("describe", "arn:aws:states:us-east-1:111111111111:execution:pass:nope",
                "--endpoint", "http://127.0.0.1:" + freePort());

        assertEquals(3, missing.exit());
        assertTrue(missing.err().contains("ExecutionDoesNotExist"), missing.err());
        assertEquals(2, badInput.exit());
        assertTrue(badInput.err().contains("--input is not JSON"), badInput.err());
        assertEquals(3, unsigned.exit());
        assertTrue(unsigned.err().contains("MissingAuthenticationTokenException"), unsigned.err());
        assertEquals(4, nobody.exit());
        assertTrue(nobody.err().contains("Is `stepstream server` running"), nobody.err());
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String await(String arn) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!tokens.containsKey(arn) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return tokens.get(arn);
    }
}
