package io.stepstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.KafkaEngine;
import io.stepstream.runtime.client.EngineClient;
import io.stepstream.runtime.client.ExecutionOutcome;
import io.stepstream.runtime.client.TaskWorker;
import io.stepstream.runtime.engine.TaskQueues;
import io.stepstream.runtime.kafka.EmbeddedKafka;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.ExecutionStatus;
import io.stepstream.schemas.avro.HistoryEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code stepstream run} through Kafka: deploys the definition, starts one execution, prints its
 * transitions as the transitions topic delivers them, then its status and output. Without a
 * cluster it brings its own: an embedded broker, the engine, and a worker for the tasks.
 */
final class KafkaRun {
    private static final Set<String> ENDS = Set.of("ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut",
            "ExecutionAborted");
    private final RunCommand options;
    private final PrintStream out = System.out;

    KafkaRun(RunCommand options) {
        this.options = options;
    }

    int run(String definitionText, String machineName, String executionName, JsonNode input) {
        List<AutoCloseable> resources = new ArrayList<>();
        Path stateDir = null;
        try {
            String bootstrap = options.bootstrapServers;
            boolean embedded = bootstrap == null;
            if (embedded) {
                EmbeddedKafka kafka = EmbeddedKafka.start();
                resources.add(kafka);
                bootstrap = kafka.bootstrapServers();
            }
            Plugins plugins = Plugins.load(options.config);
            EngineConfig.Builder builder = plugins.configure(EngineConfig.builder(bootstrap).prefix(options.prefix));
            if (options.schemaRegistryUrl != null) {
                builder.serde("schema.registry.url", options.schemaRegistryUrl);
            }
            EngineClient client;
            if (embedded) {
                stateDir = Files.createTempDirectory("stepstream-state-");
                // One process, nothing replayed elsewhere: a random token secret is enough.
                builder.stateDir(stateDir).taskTokenSecret(new SecureRandom().nextLong() | 1);
                KafkaEngine engine = KafkaEngine.start(builder.build());
                resources.add(0, engine);
                resources.add(0, plugins.start(engine.config(), engine.client()));
                engine.deploy(machineName, definitionText, options.type);
                client = engine.client();
            } else {
                client = new EngineClient(builder.build());
                resources.add(0, client);
                client.deploy(machineName, definitionText, options.type);
            }
            EngineConfig config = builder.build();
            if (options.echoTasks || embedded) {
                resources.add(0, worker(config, client, definitionText, plugins.taskQueues()));
            }
            return execute(client, machineName, executionName, input, resources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.EXECUTION_FAILED;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not start a plug-in: " + e, e);
        } finally {
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception e) {
                    System.err.println("Could not close " + resource + ": " + e);
                }
            }
            if (stateDir != null) {
                delete(stateDir);
            }
        }
    }

    private int execute(EngineClient client, String machineName, String executionName, JsonNode input,
                        List<AutoCloseable> resources) throws InterruptedException {
        String arn = client.executionArn(machineName, executionName, options.type);
        CountDownLatch ended = new CountDownLatch(1);
        TransitionPrinter printer = new TransitionPrinter(out, System.console() != null);
        resources.add(0, client.onTransitions(batch -> {
            if (batch.getExecutionId().equals(arn)) {
                for (HistoryEvent e : batch.getEvents()) {
                    if (!options.quiet) {
                        printer.print(e.getId(), e.getType(), e.getTimestamp().toEpochMilli(),
                                e.getDetails() == null ? "{}" : e.getDetails());
                    }
                    if (ENDS.contains(e.getType())) {
                        ended.countDown();
                    }
                }
            }
        }));
        client.startExecution(machineName, executionName, Json.write(input));
        Duration timeout = options.timeoutSeconds > 0 ? Duration.ofSeconds(options.timeoutSeconds) : Duration.ofDays(366);
        ExecutionOutcome outcome;
        try {
            outcome = client.awaitOutcome(arn, timeout);
        } catch (IllegalStateException e) {
            out.println("RUNNING: no outcome within " + timeout.toSeconds() + " s");
            return Main.EXECUTION_FAILED;
        }
        if (outcome.isRejected()) {
            System.err.println(outcome.rejection());
            return Main.INVALID_INPUT;
        }
        // The transitions and the completion are written in one transaction, but read by two consumers.
        ended.await(5, TimeUnit.SECONDS);
        return report(outcome.completion());
    }

    private int report(Completion completion) {
        out.println(completion.getStatus());
        if (completion.getStatus() == ExecutionStatus.SUCCEEDED) {
            out.println(RunCommand.pretty(Json.parse(completion.getOutput())));
            return Main.OK;
        }
        out.println("error: " + completion.getError());
        out.println("cause: " + completion.getCause());
        return Main.EXECUTION_FAILED;
    }

    /** Echoes every task's input with --echo-tasks; else, in a run of its own, fails it as the local run does. */
    private TaskWorker worker(EngineConfig config, EngineClient client, String definitionText, Set<String> served) {
        Set<String> queues = new java.util.TreeSet<>(config.taskQueues().queues(Json.parse(definitionText)));
        queues.removeAll(served);
        if (queues.isEmpty()) {
            queues = Set.of(TaskQueues.DEFAULT);
        }
        TaskWorker.Handler handler = options.echoTasks
                ? request -> TaskWorker.Answer.success(request.getInput())
                : request -> TaskWorker.Answer.failure("States.TaskFailed", noHandler(request.getResource()));
        return new TaskWorker(config, client, config.names().prefix() + "-cli-worker", queues, handler);
    }

    static String noHandler(String resource) {
        return "No handler for resource '" + resource + "' in an in-process run; try --echo-tasks";
    }

    static String format(long id, String type, long timestamp, String details) {
        return String.format("%5d  %-26s %s  %s", id, type, Instant.ofEpochMilli(timestamp), details);
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + root + ": " + e);
        }
    }
}
