package io.stepstream.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The run's findings: printed to stdout as they come and written to one text file at the end. */
final class Report {
    private final Scenario scenario;
    private final Path file;
    private final StringBuilder text = new StringBuilder();

    Report(Scenario scenario, Path file) {
        this.scenario = scenario;
        this.file = file;
    }

    void line(String line) {
        System.out.println(line);
        text.append(line).append('\n');
    }

    void throughput(long n, LoadMain.WarmUp warm, Phase throughput, Phase latency, double paced, double engineCpu,
                    double generatorCpu, double engineRss, LoadMain.Ceiling ceiling, int partitions,
                    Map<String, String> streams) {
        line("engine: own JVM, %s, %s, Express history OFF, %d partitions%s".formatted(scenario.type,
                scenario.guarantee, partitions, streams.isEmpty() ? "" : ", streams " + streams));
        line("");
        line("| scenario | executions/s | ceiling (pass-through records/s) | fraction of ceiling | p50 ms | p99 ms"
                + " | engine CPU-s / 1,000 | engine peak RSS MiB |");
        line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        double c = ceiling == null ? Double.NaN : ceiling.phase().rate();
        line("| %s | %,.0f | %s | %s | %d | %d | %.2f | %.0f |".formatted(scenario.cliName(), throughput.rate(),
                Double.isNaN(c) ? "-" : "%,.0f".formatted(c), LoadMain.percent(throughput.rate(), c),
                latency.latency.getValueAtPercentile(50), latency.latency.getValueAtPercentile(99),
                engineCpu / (throughput.ended / 1000.0), engineRss));
        line("");
        line("throughput phase: %,d of %,d executions ended (%,d failed) in %.2f s, sent as fast as the producer goes;"
                .formatted(throughput.ended, n, throughput.failed, throughput.seconds())
                + " after a warm-up of %,d in %.0f s, %d round(s), JIT %.0f %% of the last".formatted(warm.executions(),
                warm.seconds(), warm.rounds(), 100 * warm.jitShare()));
        line("  engine CPU %.1f s (%.2f cores), generator+broker JVM CPU %.1f s".formatted(engineCpu,
                engineCpu / throughput.seconds(), generatorCpu));
        line("latency phase: %,d starts paced at %,.0f/s: start-to-completion p50 %d ms, p90 %d ms, p99 %d ms,"
                .formatted(latency.ended, paced, latency.latency.getValueAtPercentile(50),
                        latency.latency.getValueAtPercentile(90), latency.latency.getValueAtPercentile(99))
                + " max %d ms (%,d failed)".formatted(latency.latency.getMaxValue(), latency.failed));
        if (ceiling != null) {
            Phase p = ceiling.phase();
            line("ceiling: plain Kafka Streams pass-through (own JVM, same guarantee and partitions) copied %,d start"
                    .formatted(p.ended) + " commands in %.2f s: %,.0f records/s, %.2f CPU-s / 1,000, peak RSS %.0f MiB;"
                    .formatted(p.seconds(), p.rate(), ceiling.cpuSeconds() / (p.ended / 1000.0), ceiling.peakRssMiB())
                    + " its p50/p99 send-to-copy at full speed %d/%d ms".formatted(p.latency.getValueAtPercentile(50),
                    p.latency.getValueAtPercentile(99)));
        }
    }

    void timers(long n, int minWait, int maxWait, Phase phase, double ingestSeconds, boolean alive, long heapMaxMiB,
                long liveMaxMiB, double peakRss, double cpu, int partitions) {
        Histogram late = phase.lateness;
        line("engine: own JVM, %s, %s, Express history OFF, %d partitions".formatted(scenario.type,
                scenario.guarantee, partitions));
        line("");
        line("| executions waiting | wait s | starts/s taken by the engine | ended | lateness p50 ms | p99 ms | p99.9 ms"
                + " | max ms | engine peak RSS MiB | heap max used MiB | live heap max MiB | OOM |");
        line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        line("| %,d | %d-%d | %,.0f | %,d | %d | %d | %d | %d | %.0f | %d | %d | %s |".formatted(n, minWait, maxWait,
                n / ingestSeconds, phase.ended, late.getValueAtPercentile(50), late.getValueAtPercentile(99),
                late.getValueAtPercentile(99.9), late.getMaxValue(), peakRss, heapMaxMiB, liveMaxMiB,
                alive ? "no" : "engine died"));
        line("");
        line(("lateness = completion seen by the generator - the timer's due time; %,d completions arrived before"
                + " their due time (clamped to 0); %,d failed; engine CPU %.1f s; every start read by the engine"
                + " after %.1f s").formatted(phase.early, phase.failed, cpu, ingestSeconds));
    }

    void write() throws IOException {
        Files.writeString(file, text);
        System.err.println("written to " + file);
    }
}
