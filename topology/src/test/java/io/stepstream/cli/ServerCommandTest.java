package io.stepstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stepstream.runtime.EngineConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The engine configuration {@code stepstream server} builds from its options. */
class ServerCommandTest {

    @Test
    void runsAStreamThreadPerCoreButNoMoreThanPartitions() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores, threads(config("--partitions", String.valueOf(cores + 8))));
        assertEquals(1, threads(config("--partitions", "1")));
        assertEquals(3, threads(config("--stream-threads", "3")));
    }

    @Test
    void advertisesTheApiToOtherServersAsStreamsApplicationServer() {
        assertEquals("engine-2:8083", config("--api-advertised", "engine-2:8083").streamsOverrides()
                .get(StreamsConfig.APPLICATION_SERVER_CONFIG));
    }

    @Test
    void passesStreamsPropertiesOverItsOwnSettings() {
        EngineConfig config = config("--stream-threads", "3", "--streams", "producer.linger.ms=5",
                "--streams", StreamsConfig.NUM_STREAM_THREADS_CONFIG + "=1");
        assertEquals("5", config.streamsOverrides().get("producer.linger.ms"));
        assertEquals("1", threads(config));
    }

    private static EngineConfig config(String... args) {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs(args);
        return command.engineConfig("127.0.0.1:9092", Plugins.load(null));
    }

    private static Object threads(EngineConfig config) {
        return config.streamsOverrides().get(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
    }
}
