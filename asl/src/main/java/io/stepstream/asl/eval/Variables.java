package io.stepstream.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;

/** Read access to the workflow variables visible from a state (its own scope, then outer ones). */
@FunctionalInterface
public interface Variables {

    Variables NONE = name -> null;

    /** The value of {@code name}, or null when no visible scope has assigned it. */
    JsonNode get(String name);
}
