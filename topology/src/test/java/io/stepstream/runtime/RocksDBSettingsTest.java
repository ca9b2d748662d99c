package io.stepstream.runtime;

import static io.stepstream.runtime.DrivenEngine.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The engine's stores of JSON text are LZ4-compressed in RocksDB (RocksDBSettings); the others are not. */
class RocksDBSettingsTest extends DrivenEngineTest {
    @Test
    void theExecutionsAndHistoryStoresAreCompressed() {
        engine.deploy("p", """
                {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        engine.start("p", "e", "{}", T0);
        assertEquals(List.of("kLZ4Compression"), compressions("executions"));
        assertEquals(List.of("kLZ4Compression"), compressions("history"));
        assertEquals(List.of("kNoCompression"), compressions("timers"));
    }

    /** The compression RocksDB's OPTIONS file of the store records for its default column family. */
    private List<String> compressions(String store) {
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("OPTIONS-")
                            && f.getParent().getFileName().toString().equals(store))
                    .map(RocksDBSettingsTest::read)
                    .map(text -> text.substring(text.indexOf("[CFOptions \"default\"]")))
                    .map(text -> text.lines().filter(l -> l.trim().startsWith("compression=")).findFirst().orElseThrow()
                            .trim().substring("compression=".length()))
                    .distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
