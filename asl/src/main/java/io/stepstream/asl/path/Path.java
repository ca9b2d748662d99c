package io.stepstream.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.eval.Bindings;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.stepstream.asl.json.Json;
import java.util.EnumSet;

/**
 * A compiled ASL Path: {@code $...} over the data, {@code $$...} over the context object, or
 * {@code $name...} over a workflow variable. Simple paths are walked directly; the rest of JSONPath
 * (filters, wildcards, slices, deep scan) goes to Jayway.
 */
public final class Path {

    /** Where a path starts. */
    public enum Root { DATA, CONTEXT, VARIABLE }

    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .options(EnumSet.noneOf(com.jayway.jsonpath.Option.class))
            .build();

    private final String text;
    private final Root root;
    private final String variable;
    private final ReferencePath reference;
    private final com.jayway.jsonpath.JsonPath compiled;
    private final String filterProblem;

    private Path(String text, Root root, String variable, ReferencePath reference,
                 com.jayway.jsonpath.JsonPath compiled, String filterProblem) {
        this.text = text;
        this.root = root;
        this.variable = variable;
        this.reference = reference;
        this.compiled = compiled;
        this.filterProblem = filterProblem;
    }

    /** Compiles {@code text}; throws {@link InvalidPathException} when it is not an ASL path. */
    public static Path compile(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new InvalidPathException("The path must start with '$': " + text);
        }
        Root root = Root.DATA;
        String variable = null;
        String rest = text;
        if (text.startsWith("$$")) {
            root = Root.CONTEXT;
            rest = text.substring(1);
        } else if (text.length() > 1 && isVariableStart(text.charAt(1))) {
            int end = 1;
            while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                end++;
            }
            root = Root.VARIABLE;
            variable = text.substring(1, end);
            rest = "$" + text.substring(end);
        }
        ReferencePath reference = ReferencePath.tryParse(rest);
        com.jayway.jsonpath.JsonPath compiled = null;
        String filterProblem = null;
        if (reference == null) {
            try {
                compiled = com.jayway.jsonpath.JsonPath.compile(rest);
            } catch (JsonPathException | IllegalArgumentException e) {
                if (!rest.contains("[?(")) {
                    throw new InvalidPathException("Invalid JSONPath '" + text + "': " + e.getMessage());
                }
                // Linters (and, as far as is known, AWS) accept filter expressions Jayway cannot parse,
                // such as unquoted string operands; such a path fails when it is evaluated.
                filterProblem = e.getMessage();
            }
        }
        return new Path(text, root, variable, reference, compiled, filterProblem);
    }

    private static boolean isVariableStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    public String text() {
        return text;
    }

    public Root root() {
        return root;
    }

    /** The variable this path reads, or null when it reads the data or the context. */
    public String variable() {
        return variable;
    }

    /** True when the path names at most one node (no wildcard, filter, slice or deep scan). */
    public boolean isDefinite() {
        return reference != null || (compiled != null && compiled.isDefinite());
    }

    /** The reference path behind a definite simple path, or null. */
    public ReferencePath referencePath() {
        return reference;
    }

    /**
     * The value this path selects, or null when it selects nothing. An indefinite path returns the
     * array of its matches.
     */
    public JsonNode select(Bindings bindings) {
        JsonNode start = switch (root) {
            case DATA -> bindings.data();
            case CONTEXT -> bindings.context();
            case VARIABLE -> bindings.variables().get(variable);
        };
        if (start == null) {
            return null;
        }
        if (reference != null) {
            return reference.read(start);
        }
        if (filterProblem != null) {
            throw AslException.runtime("Invalid path '" + text + "' : " + filterProblem);
        }
        try {
            return compiled.read(start, JAYWAY);
        } catch (JsonPathException e) {
            // AWS gives an indefinite path (slice, wildcard, filter) that matches nothing an empty array.
            return compiled.isDefinite() ? null : Json.NODES.arrayNode();
        }
    }

    /**
     * Why this path selects nothing in {@code bindings}, in Jayway's words, as AWS reports it
     * (e.g. {@code No results for path: $['x']}). Only called on the failure path.
     */
    public String explainMiss(Bindings bindings) {
        JsonNode start = switch (root) {
            case DATA -> bindings.data();
            case CONTEXT -> bindings.context();
            case VARIABLE -> bindings.variables().get(variable);
        };
        if (start == null) {
            return "No results for path: " + text;
        }
        String rest = root == Root.VARIABLE ? "$" + text.substring(1 + variable.length())
                : root == Root.CONTEXT ? text.substring(1) : text;
        try {
            com.jayway.jsonpath.JsonPath.compile(rest).read(start, JAYWAY);
            return "No results for path: " + rest;
        } catch (JsonPathException e) {
            return e.getMessage();
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
