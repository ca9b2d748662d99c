package io.stepstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.StateMachines;
import io.stepstream.asl.engine.ExecutionInfo;
import io.stepstream.asl.engine.ExecutionState;
import io.stepstream.asl.engine.ExecutionStateCodec;
import io.stepstream.asl.engine.HistoryLevel;
import io.stepstream.asl.engine.Interpreter;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.StateMachine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's state store codec on the state the load generator's scenario (b) stores: an Express
 * execution of {@code load-task} waiting on its Task. Its peers are what the codec did before it
 * wrote field by field: build a tree of the state and serialise it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class StateCodecBenchmark {
    private StateMachine machine;
    private ExecutionState state;
    private String text;
    private JsonNode tree;

    @Setup
    public void setUp() {
        machine = StateMachines.load(BenchMachine.read("load-task.asl.json"), MachineType.EXPRESS);
        ExecutionInfo info = ExecutionInfo.of("us-east-1", "123456789012", "load-task", "t-123456",
                MachineType.EXPRESS, Json.parse("{\"id\":123456}"), 1_763_800_000_000L);
        state = new Interpreter(HistoryLevel.OFF, 42L).start(machine, info).next();
        text = ExecutionStateCodec.write(state);
        tree = Json.parse(text);
        if (!text.equals(ExecutionStateCodec.write(read()))) {
            throw new IllegalStateException("The state does not read back as written: " + text);
        }
    }

    @Benchmark
    public String write() {
        return ExecutionStateCodec.write(state);
    }

    /** Reading, as the engine does: parse, then walk the tree. */
    @Benchmark
    public ExecutionState read() {
        return ExecutionStateCodec.decode(Json.parse(text), machine);
    }

    /** Peer: what the codec did before it wrote field by field, building a tree of the state (a copy here) to serialise it. */
    @Benchmark
    public String treeWrite() {
        return Json.write(tree.deepCopy());
    }

    /** Peer: serialising a tree of the state, without building it. */
    @Benchmark
    public String treeSerialise() {
        return Json.write(tree);
    }
}
