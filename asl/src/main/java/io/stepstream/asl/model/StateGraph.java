package io.stepstream.asl.model;

import java.util.Map;

/**
 * One {@code States} block with its {@code StartAt}: the whole machine, a Parallel branch or a Map
 * ItemProcessor. Transitions never leave the graph they are in.
 *
 * @param states in definition order; never null
 */
public record StateGraph(String startAt, Map<String, State> states) {

    public StateGraph {
        states = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(states));
    }

    /** The state called {@code name}; never null for a validated graph. */
    public State state(String name) {
        State state = states.get(name);
        if (state == null) {
            throw new IllegalArgumentException("No state '" + name + "' in this States block");
        }
        return state;
    }
}
