package io.stepstream.bench;

import io.stepstream.asl.engine.Interpreter;
import io.stepstream.asl.engine.Step;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole executions per second on one thread of the five-state machine (Pass with Parameters and
 * intrinsics, Choice, Pass, inline Map of three items, Succeed), from {@code start} to the
 * terminal step, for each {@link Variant}. A definition the interpreter does not load yet (the
 * JSONata one, until the parser takes JSONata) is skipped by {@link BenchMain}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class FiveStatesBenchmark {
    public static final String JSONPATH = "five-states";
    public static final String JSONATA = "five-states-jsonata";
    /** The values of {@link #definition}; one more machine is one more name here and in the annotation. */
    public static final List<String> DEFINITIONS = List.of(JSONPATH, JSONATA);

    /** A definition file in bench/machines, without {@code .asl.json}. */
    @Param({JSONPATH, JSONATA})
    public String definition;

    @Param({"EXPRESS_OFF", "EXPRESS_ALL", "STANDARD"})
    public Variant variant;

    private BenchMachine machine;
    private Interpreter interpreter;

    @Setup
    public void setUp() {
        machine = BenchMachine.load(definition, variant);
        interpreter = new Interpreter(variant.level(), 42L);
        machine.verify(interpreter);
    }

    @Benchmark
    public Step execution() {
        return machine.execute(interpreter);
    }
}
