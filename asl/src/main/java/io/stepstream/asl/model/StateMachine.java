package io.stepstream.asl.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A loaded, validated and compiled state machine: paths, templates, intrinsic calls and Choice
 * rules are compiled once here, and the interpreter never parses a string.
 *
 * @param graph the top-level States block
 * @param timeoutSeconds the execution TimeoutSeconds, or null when absent
 * @param queryLanguage the machine-wide default query language
 * @param definition the definition as it was given, for DescribeStateMachine and history
 */
public record StateMachine(StateGraph graph, Long timeoutSeconds, QueryLanguage queryLanguage,
                           MachineType type, JsonNode definition) {}
