package io.stepstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.StateMachines;
import io.stepstream.asl.engine.ExecutionInfo;
import io.stepstream.asl.engine.ExecutionStatus;
import io.stepstream.asl.engine.Interpreter;
import io.stepstream.asl.engine.Step;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.StateMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A benchmark machine compiled for one {@link Variant}, with its input and the output every
 * execution must produce. The files live in {@code bench/machines/} (the peer comparison reads the
 * very same ones); they are also packaged in the jar, so the JMH jar runs from any directory.
 * Setting the system property {@value #DIRECTORY_PROPERTY} reads them from that folder instead.
 */
public record BenchMachine(String name, Variant variant, StateMachine machine, JsonNode input,
                           JsonNode expectedOutput) {
    public static final String DIRECTORY_PROPERTY = "stepstream.bench.machines";
    /** Every definition runs on this input and must produce this output, whatever its query language. */
    public static final String INPUT = "five-states.input.json";
    public static final String OUTPUT = "five-states.output.json";

    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "123456789012";

    /**
     * Loads {@code <name>.asl.json} as CreateStateMachine would.
     *
     * @throws UnsupportedMachineException when the validator or the parser rejects the definition
     */
    public static BenchMachine load(String name, Variant variant) {
        String definition = read(name + ".asl.json");
        StateMachine machine;
        try {
            machine = StateMachines.load(definition, variant.type());
        } catch (RuntimeException e) {
            throw new UnsupportedMachineException(name, e);
        }
        return new BenchMachine(name, variant, machine, Json.parse(read(INPUT)), Json.parse(read(OUTPUT)));
    }

    /** One whole execution: the machine is synchronous, so it ends inside {@code start}. */
    public Step execute(Interpreter interpreter) {
        return interpreter.start(machine, ExecutionInfo.of(REGION, ACCOUNT, name, "bench", variant.type(), input, 0L));
    }

    /** Runs one execution and fails unless it succeeded with the expected output. */
    public void verify(Interpreter interpreter) {
        Step step = execute(interpreter);
        ExecutionStatus status = step.next().status();
        JsonNode output = step.next().output();
        if (status != ExecutionStatus.SUCCEEDED || !expectedOutput.equals(output)) {
            throw new IllegalStateException(name + " (" + variant + ") ended " + status + " with output "
                    + (output == null ? step.next().error() : Json.write(output)) + "; expected "
                    + Json.write(expectedOutput));
        }
    }

    /** A file of bench/machines: from {@link #DIRECTORY_PROPERTY} when set, else from the classpath. */
    static String read(String file) {
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        try {
            if (directory != null) {
                return Files.readString(Path.of(directory, file));
            }
            try (InputStream in = BenchMachine.class.getResourceAsStream("/machines/" + file)) {
                if (in == null) {
                    throw new IllegalArgumentException("No benchmark machine file " + file);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The interpreter does not accept this definition (yet); benchmarks skip it. */
    public static final class UnsupportedMachineException extends RuntimeException {
        UnsupportedMachineException(String name, RuntimeException cause) {
            super("Stepstream does not load " + name + ".asl.json: " + cause.getMessage(), cause);
        }
    }
}
