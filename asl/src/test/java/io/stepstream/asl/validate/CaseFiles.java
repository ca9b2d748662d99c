package io.stepstream.asl.validate;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads the shared case folders (validation and conformance) the tests run against. */
final class CaseFiles {

    /** One case file: its name and its parsed content. */
    record Case(String file, JsonNode json) {
        String name() {
            return json.path("name").asText(file);
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** The cases in {@code folder}, by file name. */
    static List<Case> load(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().map(CaseFiles::read).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + folder, e);
        }
    }

    private static Case read(Path file) {
        try {
            return new Case(file.getFileName().toString(), Json.parse(Files.readString(file)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private CaseFiles() {}
}
