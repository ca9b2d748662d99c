package io.stepstream.cli;

import io.stepstream.asl.json.Json;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.replay.ExecutionResult;
import io.stepstream.runtime.replay.Replay;
import io.stepstream.runtime.replay.ReplayRange;
import io.stepstream.runtime.replay.ReplayReport;
import io.stepstream.schemas.avro.HistoryEvent;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stepstream replay}: re-executes recorded executions side-effect free and compares them with the record. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-executes the executions whose StartExecution lies in a range of the commands topic, through"
                + " the interpreter on a virtual clock: recorded task results are fed back, no task is dispatched."
                + " Writes the replayed transitions to <prefix>.replay.<id>.transitions (and .completions) and"
                + " reports per execution whether they match the recorded ones.",
                "Exits 0 when every execution matches, 1 when one differs or is incomplete, 2 on a usage or"
                        + " connection error."})
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "TIME|P:OFFSET,...",
            description = "Start of the range: a timestamp (2026-11-20T10:00:00Z, 2026-11-20, epoch ms) or"
                    + " partition:offset pairs of the commands topic (0:120,1:98).")
    String from;

    @Option(names = "--to", paramLabel = "TIME|P:OFFSET,...", description = "End of the range, exclusive (default: the end).")
    String to;

    @Option(names = "--definition", paramLabel = "NEW.json",
            description = "Run this definition instead of the recorded one (only executions of --state-machine).")
    Path definition;

    @Option(names = "--state-machine", paramLabel = "NAME",
            description = "Only executions of this state machine (default with --definition: the file name, as `run` names it).")
    String stateMachine;

    @Option(names = "--execution", paramLabel = "ARN", description = "Only this execution.")
    String execution;

    @Option(names = "--failed-only", description = "Only executions that did not succeed (FAILED, TIMED_OUT, ABORTED).")
    boolean failedOnly;

    @Option(names = "--at", paramLabel = "EVENT_ID",
            description = "With --execution: print its history up to this event and its state there, and exit.")
    Long at;

    @Option(names = "--id", description = "Names the replay: consumer group <application-id>-replay-<id>, topics"
            + " <prefix>.replay.<id>.* (default: the time, e.g. 20261121-103000).")
    String id;

    @Option(names = "--no-output", description = "Only compare: create no topic, write nothing.")
    boolean noOutput;

    @Option(names = "--quiet", description = "Print only executions that do not match, and the totals.")
    boolean quiet;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", defaultValue = "localhost:9092",
            description = "The Kafka cluster (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Mixin
    EngineOptions engineOptions;

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    @Override
    public Integer call() {
        Replay.Settings settings;
        try {
            settings = settings();
        } catch (RuntimeException e) {
            err.println("stepstream replay: " + e.getMessage());
            return Main.INVALID_INPUT;
        }
        try {
            if (at != null) {
                return reconstruct(settings);
            }
            ReplayReport report = Replay.run(settings, new Replay.Listener() {
                @Override
                public void result(ExecutionResult result) {
                    if (!quiet || result.verdict() != ExecutionResult.Verdict.MATCH) {
                        out.println(result.describe());
                    }
                }

                @Override
                public void progress(int done, int total, int matched, long elapsedMillis) {
                    err.printf("replay %s: %d/%d executions, %d match, %.1f s%n", settings.id(), done, total, matched,
                            elapsedMillis / 1000.0);
                }
            });
            out.println(report.summary());
            return report.allMatch() ? Main.OK : Main.EXECUTION_FAILED;
        } catch (IllegalArgumentException e) {
            err.println("stepstream replay: " + e.getMessage());
            return Main.INVALID_INPUT;
        } catch (KafkaException | IllegalStateException e) {
            err.println("stepstream replay: cannot read the engine's topics at " + bootstrapServers + ": "
                    + e.getMessage());
            return Main.INVALID_INPUT;
        }
    }

    private Replay.Settings settings() {
        if (at != null && execution == null) {
            throw new IllegalArgumentException("--at needs --execution ARN");
        }
        ReplayRange range = new ReplayRange(ReplayRange.parse(from), to == null ? null : ReplayRange.parse(to));
        String text = definition == null ? null : Inputs.read(definition);
        if (text != null) {
            Json.parse(text); // a readable error now rather than per execution
        }
        String machine = stateMachine != null ? stateMachine : definition != null ? Inputs.machineName(definition) : null;
        EngineConfig.Builder engine = engineOptions.applyTo(EngineConfig.builder(bootstrapServers));
        String replayId = id != null ? id
                : LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return new Replay.Settings(engine.build(), replayId, range, text, machine, execution, !noOutput && at == null,
                failedOnly);
    }

    private int reconstruct(Replay.Settings settings) {
        Replay.Reconstruction r = Replay.reconstruct(settings, at);
        for (HistoryEvent e : r.events()) {
            out.println(KafkaRun.format(e.getId(), e.getType(), e.getTimestamp().toEpochMilli(),
                    e.getDetails() == null ? "{}" : e.getDetails()));
        }
        if (r.ended()) {
            out.println("(the history ends before event " + at + ")");
        }
        out.println(RunCommand.pretty(r.state()));
        return Main.OK;
    }
}
