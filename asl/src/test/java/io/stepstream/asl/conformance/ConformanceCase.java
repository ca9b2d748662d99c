package io.stepstream.asl.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** One recorded AWS case of ../shared/conformance/cases (format in that folder's README). */
public record ConformanceCase(String name, JsonNode definition, String definitionText, JsonNode input,
                              MachineType type, JsonNode expect, String taskBehaviour, String compare,
                              JsonNode placeholders, List<String> features, String api) {

    public String status() {
        return expect.path("status").asText();
    }

    public static ConformanceCase read(Path file) {
        try {
            JsonNode c = Json.MAPPER.readTree(file.toFile());
            List<String> features = new ArrayList<>();
            c.path("features").forEach(f -> features.add(f.asText()));
            return new ConformanceCase(c.path("name").asText(file.getFileName().toString()),
                    c.get("definition"), c.path("definition_text").asText(null), c.get("input"),
                    "EXPRESS".equals(c.path("state_machine_type").asText()) ? MachineType.EXPRESS : MachineType.STANDARD,
                    c.get("expect"), c.path("task_behaviour").asText(null), c.path("compare").asText("exact"),
                    c.get("placeholders"), features, c.path("api").asText(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every case in {@code folder}, by file name. */
    public static List<ConformanceCase> readAll(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().map(ConformanceCase::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases folder of this run. */
    public static Path folder() {
        return io.stepstream.asl.SharedFolders.conformanceCases();
    }
}
