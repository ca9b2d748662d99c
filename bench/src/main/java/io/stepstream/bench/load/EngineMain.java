package io.stepstream.bench.load;

import io.stepstream.asl.engine.HistoryLevel;
import io.stepstream.asl.model.MachineType;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.KafkaEngine;
import io.stepstream.runtime.client.EngineClient;
import io.stepstream.runtime.engine.EngineMetrics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The engine in its own JVM for the load generator ({@link Forked} protocol): starts a
 * {@link KafkaEngine}, deploys the machines, prints {@code READY}, then every second
 * {@code METRICS commands timersFired completions heapUsedMiB liveHeapMaxMiB} (live heap = the
 * largest heap in use right after a collection), {@code CPU stream producer otherJava rest}
 * (seconds) and {@code JIT millis}, and stops when its stdin closes.
 */
@Command(name = "engine", mixinStandardHelpOptions = true)
public final class EngineMain implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", required = true)
    String bootstrap;
    @Option(names = "--prefix", required = true)
    String prefix;
    @Option(names = "--partitions", defaultValue = "4")
    int partitions;
    @Option(names = "--guarantee", defaultValue = "EXACTLY_ONCE")
    EngineConfig.Guarantee guarantee;
    @Option(names = "--express-history", defaultValue = "OFF")
    HistoryLevel expressHistory;
    @Option(names = "--machine", required = true,
            description = "NAME=TYPE=MACHINE: bench/machines/MACHINE.asl.json (from the class path), deployed before READY")
    Map<String, String> machines = new LinkedHashMap<>();
    @Option(names = "--streams", description = "any Kafka Streams property, applied last")
    Map<String, String> streams = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new EngineMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path stateDir = Files.createTempDirectory("stepstream-load-engine");
        EngineConfig.Builder config = EngineConfig.builder(bootstrap).prefix(prefix).partitions(partitions)
                .guarantee(guarantee).expressHistoryLevel(expressHistory).taskTokenSecret(0x5eed).stateDir(stateDir)
                .streams(StreamsConfig.NUM_STREAM_THREADS_CONFIG, EngineConfig.threadsPerCore(partitions)); // as the server
        streams.forEach(config::streams);
        EngineConfig built = config.build();
        try (KafkaEngine engine = KafkaEngine.start(built)) {
            // A client of its own, closed before the load: engine.client() would keep tailing the completions.
            try (EngineClient client = new EngineClient(built)) {
                for (Map.Entry<String, String> m : machines.entrySet()) {
                    String[] typeAndFile = m.getValue().split("=", 2);
                    int version = client.deploy(m.getKey(), LoadMain.resource("machines/" + typeAndFile[1] + ".asl.json"),
                            MachineType.valueOf(typeAndFile[0]));
                    engine.awaitDefinition(m.getKey(), version);
                }
            }
            Forked.reportEverySecond("metrics-reporter", new Reporter(engine.metrics()));
            System.out.println("READY");
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the parent closes stdin
            }
        } finally {
            delete(stateDir);
        }
        return 0;
    }

    /** Prints the {@code METRICS}, {@code CPU} and {@code JIT} lines. */
    private static final class Reporter implements Runnable {
        private final EngineMetrics metrics;
        private long liveMax;

        Reporter(EngineMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public void run() {
            long used = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() != MemoryType.HEAP) {
                    continue;
                }
                used += pool.getUsage().getUsed();
                MemoryUsage afterGc = pool.getCollectionUsage();
                if (afterGc != null && pool.getName().contains("Old")) {
                    liveMax = Math.max(liveMax, afterGc.getUsed());
                }
            }
            System.out.println("METRICS " + metrics.commands() + " " + metrics.timersFired() + " "
                    + metrics.completions() + " " + (used >> 20) + " " + (liveMax >> 20));
            System.out.println("CPU " + threadCpu());
            System.out.println(Forked.jitLine());
        }
    }

    /**
     * CPU seconds so far of the stream threads, their producers' I/O threads, the other Java
     * threads, and the rest of the process (JIT compiler, GC, RocksDB's own threads).
     */
    private static String threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long stream = 0;
        long producer = 0;
        long other = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            String name = info.getThreadName();
            if (name.contains("producer")) {
                producer += cpu;
            } else if (name.contains("StreamThread-")) {
                stream += cpu;
            } else {
                other += cpu;
            }
        }
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return stream / 1e9 + " " + producer / 1e9 + " " + other / 1e9 + " "
                + Math.max(0, process - stream - producer - other) / 1e9;
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
