package io.stepstream.bench;

import io.stepstream.asl.engine.Interpreter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Executions per second of the benchmark thread's own CPU time: the loop of {@link Throughput},
 * timed by {@link ThreadMXBean#getCurrentThreadCpuTime()} rather than the wall clock. On a shared,
 * overloaded machine the wall-clock rate mostly measures the other processes; CPU time still
 * compares two definitions fairly (caches and the JIT threads stay shared, so expect some noise).
 *
 * <p>Arguments: {@code definition=five-states variant=EXPRESS_OFF warmup=3 seconds=2 rounds=7}
 * ({@code warmup} and {@code seconds} in CPU seconds). Prints every round and the median as
 * {@code cpu_executions_per_second=N}.
 */
public final class CpuTime {
    private static final int BATCH = 256;

    private CpuTime() {}

    public static void main(String[] args) {
        String definition = option(args, "definition", FiveStatesBenchmark.JSONPATH);
        Variant variant = Variant.valueOf(option(args, "variant", Variant.EXPRESS_OFF.name()));
        double warmup = Double.parseDouble(option(args, "warmup", "3"));
        double seconds = Double.parseDouble(option(args, "seconds", "2"));
        int rounds = Integer.parseInt(option(args, "rounds", "7"));

        BenchMachine machine = BenchMachine.load(definition, variant);
        Interpreter interpreter = new Interpreter(variant.level(), 42L);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        machine.verify(interpreter);
        loop(machine, interpreter, threads, warmup);
        double[] rates = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            rates[i] = loop(machine, interpreter, threads, seconds);
            System.out.printf(Locale.ROOT, "stepstream %s %s round %d: %.0f executions per CPU second%n",
                    definition, variant, i + 1, rates[i]);
        }
        machine.verify(interpreter);
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "cpu_executions_per_second=%.0f%n", sorted[rounds / 2]);
    }

    private static double loop(BenchMachine machine, Interpreter interpreter, ThreadMXBean threads, double seconds) {
        long budget = (long) (seconds * 1e9);
        long start = threads.getCurrentThreadCpuTime();
        long count = 0;
        long used;
        int sink = 0;
        do {
            for (int i = 0; i < BATCH; i++) {
                sink += machine.execute(interpreter).transitions().size();
            }
            count += BATCH;
            used = threads.getCurrentThreadCpuTime() - start;
        } while (used < budget);
        if (sink == -1) {
            System.out.println(); // keeps the loop's results alive
        }
        return count / (used / 1e9);
    }

    private static String option(String[] args, String key, String fallback) {
        for (String arg : args) {
            if (arg.startsWith(key + "=")) {
                return arg.substring(key.length() + 1);
            }
        }
        return fallback;
    }
}
