package io.stepstream.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Where the generated records live and which older writer schemas of a record this build still
 * reads without a registry (see schemas/README.md, "Evolving a schema").
 */
final class Schemas {
    static final String PACKAGE = "io.stepstream.schemas.avro";
    private static final String HISTORY = "io/stepstream/schemas/history/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Schemas() {}

    /**
     * The current schema followed by every older version listed in the classpath resource
     * {@code io/stepstream/schemas/history/<full name>.json} (a JSON array of schemas), if any.
     */
    static List<Schema> withHistory(Schema current, ClassLoader loader) {
        List<Schema> schemas = new ArrayList<>();
        schemas.add(current);
        String resource = HISTORY + current.getFullName() + ".json";
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in != null) {
                for (JsonNode old : JSON.readTree(in)) {
                    schemas.add(new Schema.Parser().parse(old.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        return List.copyOf(schemas);
    }
}
