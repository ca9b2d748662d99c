package io.stepstream.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The machine's ceiling for the load generator: a plain Kafka Streams application that copies
 * one topic to another, bytes to bytes, with the engine's guarantee and Streams settings (lz4 on
 * the producer, as KafkaEngine), in its own JVM ({@link Forked} protocol).
 */
@Command(name = "pass-through", mixinStandardHelpOptions = true)
public final class PassThroughMain implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", required = true)
    String bootstrap;
    @Option(names = "--application-id", required = true)
    String applicationId;
    @Option(names = "--from", required = true)
    String from;
    @Option(names = "--to", required = true)
    String to;
    @Option(names = "--guarantee", defaultValue = StreamsConfig.EXACTLY_ONCE_V2)
    String guarantee;
    @Option(names = "--streams", description = "any Kafka Streams property, applied last")
    Map<String, String> streams = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new PassThroughMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(from, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(to, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        Path stateDir = Files.createTempDirectory("stepstream-load-pass");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4"); // as KafkaEngine
        props.putAll(streams);
        CountDownLatch running = new CountDownLatch(1);
        try (KafkaStreams app = new KafkaStreams(builder.build(), props)) {
            app.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            app.start();
            if (!running.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The pass-through did not reach RUNNING");
            }
            System.out.println("READY");
            System.out.flush();
            Forked.reportEverySecond("jit-reporter", () -> System.out.println(Forked.jitLine()));
            while (System.in.read() >= 0) {
                // runs until the parent closes stdin
            }
        } finally {
            EngineMain.delete(stateDir);
        }
        return 0;
    }
}
