package io.stepstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code stepstream run} through its own embedded broker and engine: transitions, output, exit codes. */
class RunCommandTest {

    @Test
    void runsATaskWorkflowThroughKafkaWithEchoTasksAndExitsZero(@TempDir Path dir) throws Exception {
        Path definition = Files.writeString(dir.resolve("echo.asl.json"), """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f",
                 "Next":"F"},"F":{"Type":"Pass","Result":{"done":true},"ResultPath":"$.r","End":true}}}""");

        Run run = run(definition.toString(), "--input", "{\"n\":1}", "--echo-tasks");

        assertEquals(Main.OK, run.exitCode(), run.output());
        assertTrue(run.output().contains("LambdaFunctionSucceeded"), run.output());
        assertTrue(run.output().contains("ExecutionSucceeded"), run.output());
        assertTrue(run.output().contains("\"done\" : true"), run.output());
    }

    @Test
    void exitsOneWhenTheExecutionFailsAndTwoOnBadInput(@TempDir Path dir) throws Exception {
        Path definition = Files.writeString(dir.resolve("fail.asl.json"), """
                {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Nope","Cause":"always"}}}""");

        Run failed = run(definition.toString(), "--quiet");
        Run badInput = run(definition.toString(), "--input", "{not json");

        assertEquals(Main.EXECUTION_FAILED, failed.exitCode(), failed.output());
        assertTrue(failed.output().contains("FAILED") && failed.output().contains("error: Nope"), failed.output());
        assertEquals(Main.INVALID_INPUT, badInput.exitCode());
    }

    private record Run(int exitCode, String output) {}

    private static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            String[] full = new String[args.length + 1];
            full[0] = "run";
            System.arraycopy(args, 0, full, 1, args.length);
            int code = new CommandLine(new Main()).execute(full);
            return new Run(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
