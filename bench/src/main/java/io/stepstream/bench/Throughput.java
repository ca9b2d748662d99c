package io.stepstream.bench;

import io.stepstream.asl.engine.Interpreter;
import io.stepstream.asl.engine.Step;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plain loop {@code compare-peer.sh} runs on both interpreters: one compiled machine, warm-up,
 * then rounds of sequential executions, each round timed; prints every round's rate and the median
 * as {@code executions_per_second=N}. JMH ({@link FiveStatesBenchmark}) is the careful measurement;
 * this loop is the one the peer's script mirrors line for line.
 *
 * <p>Arguments: {@code definition=five-states variant=EXPRESS_OFF warmup=5 seconds=5 rounds=3}.
 */
public final class Throughput {
    private static final int BATCH = 256;

    private Throughput() {}

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        String definition = options.getOrDefault("definition", FiveStatesBenchmark.JSONPATH);
        Variant variant = Variant.valueOf(options.getOrDefault("variant", Variant.EXPRESS_OFF.name()));
        double warmup = Double.parseDouble(options.getOrDefault("warmup", "5"));
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "5"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));

        BenchMachine machine;
        try {
            machine = BenchMachine.load(definition, variant);
        } catch (BenchMachine.UnsupportedMachineException e) {
            System.err.println("skipping " + definition + ": " + e.getMessage());
            System.exit(3);
            return;
        }
        Interpreter interpreter = new Interpreter(variant.level(), 42L);
        machine.verify(interpreter);
        loop(machine, interpreter, warmup);
        double[] rates = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            rates[i] = loop(machine, interpreter, seconds);
            System.out.printf("stepstream %s %s round %d: %.0f executions/s%n", definition, variant, i + 1, rates[i]);
        }
        machine.verify(interpreter);
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        System.out.printf("executions_per_second=%.0f%n", sorted[rounds / 2]);
    }

    /** Runs executions for about {@code seconds}; returns executions per second. */
    private static double loop(BenchMachine machine, Interpreter interpreter, double seconds) {
        long deadline = (long) (seconds * 1e9);
        long start = System.nanoTime();
        long count = 0;
        long elapsed;
        int sink = 0;
        do {
            for (int i = 0; i < BATCH; i++) {
                Step step = machine.execute(interpreter);
                sink += step.transitions().size();
            }
            count += BATCH;
            elapsed = System.nanoTime() - start;
        } while (elapsed < deadline);
        if (sink == -1) {
            System.out.println(); // keeps the loop's results alive
        }
        return count / (elapsed / 1e9);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected key=value, got " + arg);
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return options;
    }
}
