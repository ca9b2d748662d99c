package io.stepstream.bench.load;

import io.stepstream.runtime.kafka.TopicNames;
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
    private final LoadMain options;
    private final Scenario scenario;
    private final String servers;
    private final String prefix;
    private final long n;
    private final Report report;

    Timers(LoadMain options, Scenario scenario, String servers, String prefix, long n, Report report) {
        this.options = options;
        this.scenario = scenario;
        this.servers = servers;
        this.prefix = prefix;
        this.n = n;
        this.report = report;
    }

    void run() throws Exception {
        TopicNames names = new TopicNames(prefix);
        LongFunction<String> input = options.inputs(scenario);
        try (Forked engine = options.startEngine(scenario, servers, prefix);
             KafkaProducer<byte[], byte[]> producer = Clients.producer(servers);
             Tail completions = new Tail(servers, names.completions(), true)) {
            Starter starter = new Starter(producer, "bench", LoadMain.arnPrefix(scenario));
            Phase phase = new Phase("s", n);
            completions.watch(phase);
            double cpu0 = engine.cpuSeconds();
            long t0 = System.nanoTime();
            Thread sender = new Thread(() -> {
                try {
                    starter.send(names.commands(), phase, n, options.rate, input);
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
                String[] m = engine.line("METRICS") == null ? null : engine.line("METRICS").split(" ");
                if (m == null) {
                    continue;
                }
                long commands = Long.parseLong(m[0]);
                heapMax = Math.max(heapMax, Long.parseLong(m[3]));
                liveMax = Math.max(liveMax, Long.parseLong(m[4]));
                if (Double.isNaN(ingested) && commands >= n) {
                    ingested = (System.nanoTime() - t0) / 1e9;
                    deadline = System.nanoTime() + (options.maxWait + 600L) * 1_000_000_000L;
                }
                if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                    lastPrint = System.nanoTime();
                    System.err.printf("%5.0f s: engine read %,d commands, fired %,d timers, ended %,d; heap %s MiB,"
                                    + " RSS %.0f MiB; completions seen %,d%n", (lastPrint - t0) / 1e9, commands,
                            Long.parseLong(m[1]), Long.parseLong(m[2]), m[3],
                            ProcStats.rssMiB(engine.pid()), phase.ended);
                }
            }
            sender.join();
            boolean alive = engine.isAlive();
            double cpu = engine.cpuSeconds() - cpu0;
            report.timers(n, options.minWait, options.maxWait, phase, ingested, alive, heapMax, liveMax,
                    engine.peakRssMiB(), cpu, options.partitions);
        }
    }
}
