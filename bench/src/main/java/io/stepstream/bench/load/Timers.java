package io.stepstream.bench.load;

import io.stepstream.runtime.kafka.TopicNames;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The timers scenario: starts every execution as fast as the engine takes them, each waiting
 * {@code --min-wait}..{@code --max-wait} seconds, then waits for all completions. Lateness of a
 * timer = the completion's arrival at the generator minus its {@code stopDate}, which is the
 * timer's due time (the engine dates a fired timer's events at its due time), so it includes the
 * punctuator's delay and the trip through Kafka to a reader.
 */
final class Timers {
    /** The warm-up's executions wait 1 to this many seconds: long enough that their timers fire from the store. */
    private static final int WARM_UP_WAIT = 3;

    private final LoadMain options;
    private final Scenario scenario;
    private final String servers;
    private final String prefix;
    private final long n;
    private final long warmup;
    private final Report report;

    Timers(LoadMain options, Scenario scenario, String servers, String prefix, long n, long warmup, Report report) {
        this.options = options;
        this.scenario = scenario;
        this.servers = servers;
        this.prefix = prefix;
        this.n = n;
        this.warmup = warmup;
        this.report = report;
    }

    void run() throws Exception {
        TopicNames names = new TopicNames(prefix);
        LongFunction<String> input = options.inputs(scenario);
        try (Forked engine = options.startEngine(scenario, servers, prefix);
             KafkaProducer<byte[], byte[]> producer = Clients.producer(servers);
             Tail completions = new Tail(servers, names.completions(), true)) {
            Starter starter = new Starter(producer, "bench", LoadMain.arnPrefix(scenario));
            LoadMain.WarmUp warm = options.warmUp(engine, starter, completions, names.commands(), "w", warmup,
                    i -> "{\"wait\":" + (1 + i % WARM_UP_WAIT) + "}", "warm-up");
            Phase phase = new Phase("s", n);
            completions.watch(phase);
            long[] base = Objects.requireNonNullElse(metrics(engine), new long[5]); // the warm-up's counts
            double cpu0 = engine.cpuSeconds();
            long t0 = System.nanoTime();
            // when each execution's timer is due, taken as it is sent (the engine dates a start at its send time)
            long[] dueMillis = new long[Math.toIntExact(n)];
            LongFunction<String> dated = i -> {
                String text = input.apply(i);
                dueMillis[(int) i] = System.currentTimeMillis() + 1000L * options.waitOf(i);
                return text;
            };
            Thread sender = new Thread(() -> {
                try {
                    starter.send(names.commands(), phase, n, options.rate, dated);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "starter");
            sender.start();
            double ingested = Double.NaN;
            long heapMax = 0;
            long liveMax = 0;
            long deadline = Long.MAX_VALUE;
            long lastPrint = 0;
            while (phase.ended < n && System.nanoTime() < deadline && engine.isAlive()) {
                Thread.sleep(250);
                long[] m = metrics(engine);
                if (m == null) {
                    continue;
                }
                long commands = m[0] - base[0];
                heapMax = Math.max(heapMax, m[3]);
                liveMax = Math.max(liveMax, m[4]);
                if (Double.isNaN(ingested) && commands >= n) {
                    ingested = (System.nanoTime() - t0) / 1e9;
                    deadline = System.nanoTime() + (options.maxWait + 600L) * 1_000_000_000L;
                }
                if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                    lastPrint = System.nanoTime();
                    System.err.printf("%5.0f s: engine read %,d commands, %,d timers due, fired %,d, ended %,d;"
                                    + " heap %d MiB, RSS %.0f MiB; completions seen %,d%n", (lastPrint - t0) / 1e9,
                            commands, due(dueMillis), m[1] - base[1], m[2] - base[2], m[3],
                            ProcStats.rssMiB(engine.pid()), phase.ended);
                }
            }
            sender.join();
            boolean alive = engine.isAlive();
            double cpu = engine.cpuSeconds() - cpu0;
            report.timers(n, options.minWait, options.maxWait, phase, ingested, alive, heapMax, liveMax,
                    engine.peakRssMiB(), cpu, options.partitions);
            if (warm.rounds() > 0) {
                report.line(("after a warm-up of %,d executions waiting 1-%d s in %.0f s, %d round(s), JIT %.0f %% of"
                        + " the last").formatted(warm.executions(), WARM_UP_WAIT, warm.seconds(), warm.rounds(),
                        100 * warm.jitShare()));
            }
        }
    }

    /** The engine's counters: commands read, timers fired, ended, heap used and live heap (MiB); null before any. */
    private static long[] metrics(Forked engine) {
        String line = engine.line("METRICS");
        return line == null ? null : Arrays.stream(line.split(" ")).mapToLong(Long::parseLong).toArray();
    }

    /** How many of the executions sent so far have their timer due by now. */
    private static long due(long[] dueMillis) {
        long now = System.currentTimeMillis();
        long due = 0;
        for (long at : dueMillis) {
            if (at != 0 && at <= now) {
                due++;
            }
        }
        return due;
    }
}
