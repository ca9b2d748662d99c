package io.stepstream.asl.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the diagnostics of one validation run, with AWS's wording for the schema messages
 * that recur. Locations are built by the caller; this class only words and records.
 */
final class Diagnostics {

    private final List<Diagnostic> schema = new ArrayList<>();
    private final List<Diagnostic> graph = new ArrayList<>();

    void add(String code, String message, String location) {
        schema.add(Diagnostic.error(code, message, location));
    }

    /** Transition-graph problems; AWS lists them after the schema problems. */
    void graph(String code, String message, String location) {
        graph.add(Diagnostic.error(code, message, location));
    }

    void schema(String message, String location) {
        add(Codes.SCHEMA_VALIDATION_FAILED, message, location);
    }

    void notSupported(String field, String location) {
        schema("Field '" + field + "' is not supported", location);
    }

    void required(String location, String... fields) {
        schema("These fields are required: " + list(fields), location);
    }

    void onlyOne(String location, String... fields) {
        schema("There should only be one of the following fields: " + list(fields), location);
    }

    void atLeastOne(String location, String... fields) {
        schema("There should be at least one of the following fields: " + list(fields), location);
    }

    void expectedType(String type, String location) {
        schema("Expected value of type [" + type + "]", location);
    }

    void oneOfValues(String field, String location, String... values) {
        schema("The field '" + field + "' should have one of these values: " + list(values), location);
    }

    void empty(String location) {
        schema("Value cannot be empty", location);
    }

    List<Diagnostic> all() {
        List<Diagnostic> all = new ArrayList<>(schema);
        all.addAll(graph);
        return List.copyOf(all);
    }

    private static String list(String... items) {
        return "[" + String.join(", ", items) + "]";
    }
}
