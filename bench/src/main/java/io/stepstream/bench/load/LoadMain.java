package io.stepstream.bench.load;

import io.stepstream.runtime.kafka.EmbeddedKafka;
import io.stepstream.runtime.kafka.TopicNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load generator: runs one {@link Scenario} end to end against a real broker (an embedded
 * one in this JVM unless {@code --bootstrap-servers}), with the engine in its own JVM
 * ({@link EngineMain}, {@code -Xmx1g -XX:+UseParallelGC}) so its CPU time and peak RSS are its own. Phases: warm-up
 * (rounds until the engine's JIT has settled), throughput (starts sent as fast as the producer goes; executions/s from the first send to the
 * last completion), latency (starts paced at a fraction of that rate; p50/p99 start-to-completion),
 * then the ceiling: a plain Kafka Streams pass-through ({@link PassThroughMain}, its own JVM, the
 * same guarantee and partitions) copying as many start commands. The timers scenario instead warms up
 * with short Waits, starts every execution at once (or at {@code --rate}) and measures how late their
 * timers fire. Prints a table and writes it to {@code <out>/load-<scenario>.txt}. Not part of the test suite.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Runs a load scenario against a real broker and reports executions/s, latency, CPU and RSS.")
public final class LoadMain implements Callable<Integer> {
    private static final String MACHINE = "bench";

    @Option(names = "--scenario", required = true, description = "express, express-task, standard-task or timers")
    String scenarioName;
    @Option(names = "--executions", defaultValue = "0",
            description = "Executions in the throughput phase (timers: in all); 0 for the scenario's default.")
    long executions;
    @Option(names = "--warmup", defaultValue = "-1", description = "Executions of the first warm-up round (default: a"
            + " third, at least 10,000, at most 50,000); 0 for none.")
    long warmup;
    @Option(names = "--warmup-jit", defaultValue = "0.05", description = "Warm up in rounds until the JIT compiled for"
            + " at most this share of a round's time (default: ${DEFAULT-VALUE}): on 2 cores C2 takes a minute or more"
            + " and half the engine's CPU, which a long-running engine does not pay.")
    double warmupJit;
    @Option(names = "--warmup-max-seconds", defaultValue = "300", description = "Stop warming up after this long.")
    int warmupMaxSeconds;
    @Option(names = "--rate", defaultValue = "0",
            description = "Starts/s of the latency phase (timers: of the starts); 0 for half the measured throughput"
                    + " (timers: as fast as possible).")
    double rate;
    @Option(names = "--latency-seconds", defaultValue = "15", description = "Length of the latency phase.")
    int latencySeconds;
    @Option(names = "--partitions", defaultValue = "4", description = "Of every topic the engine and the ceiling use.")
    int partitions;
    @Option(names = "--bootstrap-servers", description = "A running broker; default: an embedded one in this JVM.")
    String bootstrap;
    @Option(names = "--engine-jvm-args", defaultValue = "-Xmx1g -XX:+UseParallelGC", split = " ",
            description = "JVM options of the engine and the pass-through (default: ${DEFAULT-VALUE}, as the launcher"
                    + " and the Docker image run the engine).")
    List<String> engineJvmArgs;
    @Option(names = "--jfr", description = "Record the engine with JFR (profile settings) into <out>/engine-<scenario>.jfr.")
    boolean jfr;
    @Option(names = "--engine-streams", description = "Kafka Streams properties for the engine and the pass-through.")
    Map<String, String> engineStreams = new LinkedHashMap<>();
    @Option(names = "--no-ceiling", description = "Skip the pass-through.")
    boolean noCeiling;
    @Option(names = "--min-wait", defaultValue = "60", description = "timers: the shortest Wait in seconds.")
    int minWait;
    @Option(names = "--max-wait", defaultValue = "120", description = "timers: the longest Wait in seconds.")
    int maxWait;
    @Option(names = "--out", defaultValue = "bench/target", description = "Where reports, logs and recordings go.")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Scenario scenario = Scenario.parse(scenarioName);
        Files.createDirectories(out);
        long n = executions > 0 ? executions : switch (scenario) {
            case EXPRESS -> 1_000_000; // about 10 seconds each on 2 cores, warmed up
            case EXPRESS_TASK -> 150_000;
            case STANDARD_TASK -> 100_000;
            case TIMERS -> 1_000_000;
        };
        long w = warmup >= 0 ? warmup : Math.max(Math.min(10_000, n), Math.min(50_000, n / 3));
        Report report = new Report(scenario, out.resolve("load-" + scenario.cliName() + ".txt"));
        report.line("Stepstream load generator, scenario " + scenario.cliName() + ", "
                + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 19)
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, load average " + ProcStats.loadAverage());
        EmbeddedKafka kafka = null;
        String servers = bootstrap;
        if (servers == null) {
            kafka = EmbeddedKafka.start();
            servers = kafka.bootstrapServers();
        }
        try {
            String prefix = "load-" + scenario.cliName() + "-" + System.currentTimeMillis() / 1000;
            if (scenario == Scenario.TIMERS) {
                new Timers(this, scenario, servers, prefix, n, w, report).run();
            } else {
                runThroughput(scenario, servers, prefix, n, w, report);
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
        report.line("load average at the end " + ProcStats.loadAverage());
        report.write();
        return 0;
    }

    private void runThroughput(Scenario scenario, String servers, String prefix, long n, long w, Report report)
            throws Exception {
        TopicNames names = new TopicNames(prefix);
        String arnPrefix = arnPrefix(scenario);
        LongFunction<String> input = inputs(scenario);
        String selfCpu = "self";
        double generatorCpu0 = ProcStats.cpuSeconds(selfCpu);
        try (Forked engine = startEngine(scenario, servers, prefix);
             KafkaProducer<byte[], byte[]> producer = Clients.producer(servers);
             Tail completions = new Tail(servers, names.completions(), true);
             EchoWorker worker = scenario.task ? new EchoWorker(servers, names.tasks("lambda"), names.commands(),
                     producer) : null) {
            Starter starter = new Starter(producer, MACHINE, arnPrefix);
            WarmUp warm = warmUp(engine, starter, completions, names.commands(), "w", w, input, "warm-up");
            double cpu0 = engine.cpuSeconds();
            String threads0 = engine.line("CPU");
            double gen0 = ProcStats.cpuSeconds(selfCpu);
            Phase throughput = run(starter, completions, names.commands(), "t", n, 0, input, "throughput");
            Thread.sleep(1100); // the engine prints its threads' CPU every second
            double engineCpu = engine.cpuSeconds() - cpu0;
            String threads = threadCpu(threads0, engine.line("CPU"));
            double generatorCpu = ProcStats.cpuSeconds(selfCpu) - gen0;
            double paced = rate > 0 ? rate : Math.max(100, Math.round(throughput.rate() / 2));
            Map<String, Long> offsets0 = TopicOffsets.of(servers, prefix);
            Phase latency = run(starter, completions, names.commands(), "l", (long) (paced * latencySeconds), paced,
                    input, "latency");
            Thread.sleep(1100); // a commit interval or ten: the engine's cache is flushed to the changelogs
            String written = TopicOffsets.perExecution(offsets0, TopicOffsets.of(servers, prefix), latency.ended);
            double engineRss = engine.peakRssMiB();
            Ceiling ceiling = noCeiling ? null : ceiling(scenario, servers, prefix, starter, n, w, input);
            report.throughput(n, warm, throughput, latency, paced, engineCpu, generatorCpu, engineRss, ceiling,
                    partitions, engineStreams);
            report.line("  engine CPU by thread in the throughput phase: " + threads);
            report.line("  records written per execution in the latency phase: " + written);
        }
        report.line("generator + broker JVM CPU over the whole run: %.1f s".formatted(
                ProcStats.cpuSeconds(selfCpu) - generatorCpu0));
    }

    /** The pass-through's rate on the same broker: {@code n} start commands copied, after a warm-up. */
    record Ceiling(Phase phase, double cpuSeconds, double peakRssMiB) {}

    private Ceiling ceiling(Scenario scenario, String servers, String prefix, Starter starter, long n, long w,
                            LongFunction<String> input) throws Exception {
        String from = prefix + ".ceiling.in";
        String to = prefix + ".ceiling.out";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(from, partitions, (short) 1), new NewTopic(to, partitions, (short) 1)))
                    .all().get();
        }
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", servers, "--application-id",
                prefix + "-pass-through", "--from", from, "--to", to, "--guarantee",
                scenario.guarantee == io.stepstream.runtime.EngineConfig.Guarantee.EXACTLY_ONCE
                        ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE));
        // as many threads as the engine runs (EngineMain)
        args.addAll(List.of("--streams", StreamsConfig.NUM_STREAM_THREADS_CONFIG + "="
                + io.stepstream.runtime.EngineConfig.threadsPerCore(partitions)));
        engineStreams.forEach((k, v) -> args.addAll(List.of("--streams", k + "=" + v)));
        try (Forked pass = Forked.start("pass-through", engineJvmArgs, PassThroughMain.class.getName(), args,
                out.resolve("load-" + scenario.cliName() + "-pass-through.log"));
             Tail copies = new Tail(servers, to, false)) {
            pass.awaitReady(Duration.ofMinutes(2));
            warmUp(pass, starter, copies, from, "cw", w, input, "ceiling warm-up");
            double cpu0 = pass.cpuSeconds();
            Phase phase = run(starter, copies, from, "c", n, 0, input, "ceiling");
            return new Ceiling(phase, pass.cpuSeconds() - cpu0, pass.peakRssMiB());
        }
    }

    /** What the warm-up took: executions, seconds, rounds, and the JIT's share of its last round's time. */
    record WarmUp(long executions, double seconds, int rounds, double jitShare) {}

    /**
     * Rounds of starts sent as fast as they go (the first of {@code first}, the others of 10
     * seconds' worth, at most ten times {@code first}) until the child's JIT spent at most {@link #warmupJit} of a round's
     * time compiling, or {@link #warmupMaxSeconds} passed.
     */
    WarmUp warmUp(Forked child, Starter starter, Tail tail, String topic, String tag, long first,
                  LongFunction<String> input, String what) throws InterruptedException {
        long executions = 0;
        double seconds = 0;
        int rounds = 0;
        double share = Double.NaN;
        long count = first;
        while (count > 0) {
            double jit0 = child.jitSeconds();
            Phase round = run(starter, tail, topic, tag + rounds, count, 0, input, what);
            Thread.sleep(1100); // the child prints its JIT time every second
            share = (child.jitSeconds() - jit0) / (round.seconds() + 1.1);
            rounds++;
            executions += round.ended;
            seconds += round.seconds();
            System.err.printf("%s: round %d, JIT %.0f %% of its time%n", what, rounds, 100 * share);
            if (share <= warmupJit || seconds >= warmupMaxSeconds) {
                break;
            }
            count = Math.max(first, Math.min(10 * first, Math.round(round.rate() * 10)));
        }
        return new WarmUp(executions, seconds, rounds, share);
    }

    Phase run(Starter starter, Tail tail, String topic, String tag, long count, double perSecond,
              LongFunction<String> input, String what) throws InterruptedException {
        Phase phase = new Phase(tag, count);
        tail.watch(phase);
        System.err.printf("%s: %,d%s%n", what, count, perSecond > 0 ? " at %,.0f/s".formatted(perSecond) : "");
        starter.send(topic, phase, count, perSecond, input);
        if (!phase.await(120_000 + count * 5)) {
            System.err.printf("%s: only %,d of %,d ended in time%n", what, phase.ended, count);
        }
        System.err.printf("%s: %,d in %.1f s, %,.0f/s%n", what, phase.ended, phase.seconds(), phase.rate());
        return phase;
    }

    Forked startEngine(Scenario scenario, String servers, String prefix) throws InterruptedException {
        List<String> jvm = new ArrayList<>(engineJvmArgs);
        if (jfr) {
            jvm.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints",
                    "-XX:StartFlightRecording=filename=" + out.resolve("engine-" + scenario.cliName() + ".jfr")
                            + ",settings=profile"));
        }
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", servers, "--prefix", prefix,
                "--partitions", Integer.toString(partitions), "--guarantee", scenario.guarantee.name(),
                "--express-history", scenario.expressHistory().name(),
                "--machine", MACHINE + "=" + scenario.type.name() + "=" + scenario.machine));
        engineStreams.forEach((k, v) -> args.addAll(List.of("--streams", k + "=" + v)));
        Forked engine = Forked.start("engine", jvm, EngineMain.class.getName(), args,
                out.resolve("load-" + scenario.cliName() + "-engine.log"));
        try {
            engine.awaitReady(Duration.ofMinutes(2));
        } catch (RuntimeException | InterruptedException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    /** The engine's CPU seconds between two {@code CPU} lines of {@link EngineMain}, by kind of thread. */
    static String threadCpu(String before, String after) {
        if (before == null || after == null) {
            return "?";
        }
        String[] b = before.split(" ");
        String[] a = after.split(" ");
        String[] kinds = {"stream thread", "producer I/O", "other Java threads", "JIT, GC and native threads"};
        double total = 0;
        double[] d = new double[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            d[i] = Double.parseDouble(a[i]) - Double.parseDouble(b[i]);
            total += d[i];
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < kinds.length; i++) {
            out.append(i == 0 ? "" : ", ").append("%s %.1f s (%.0f %%)".formatted(kinds[i], d[i], 100 * d[i] / total));
        }
        return out.toString();
    }

    static String arnPrefix(Scenario scenario) {
        return "arn:aws:states:us-east-1:123456789012:"
                + (scenario.type == io.stepstream.asl.model.MachineType.EXPRESS ? "express" : "execution")
                + ":" + MACHINE + ":";
    }

    LongFunction<String> inputs(Scenario scenario) {
        return switch (scenario) {
            case EXPRESS -> {
                String five = resource("machines/five-states.input.json");
                yield i -> five;
            }
            case EXPRESS_TASK, STANDARD_TASK -> i -> "{\"id\":" + i + "}";
            case TIMERS -> i -> "{\"wait\":" + waitOf(i) + "}";
        };
    }

    /** The timers scenario's Wait of execution i, in seconds. */
    long waitOf(long i) {
        return minWait + i % (maxWait - minWait + 1);
    }

    static String resource(String path) {
        try (InputStream in = LoadMain.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String percent(double part, double whole) {
        return whole > 0 ? "%.0f %%".formatted(100 * part / whole) : "-";
    }
}
