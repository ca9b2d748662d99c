package io.stepstream.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One transition, as an AWS history event.
 *
 * @param id 1-based, in order within the execution
 * @param previousEventId the event before it in the same branch, 0 for the first
 * @param timestamp epoch millis, from the event that caused it
 * @param details the type-specific details object as AWS shapes it (e.g. {@code {name, input}} of
 *     {@code stateEnteredEventDetails}); never null, may be empty
 */
public record HistoryEvent(long id, long previousEventId, HistoryEventType type, long timestamp, JsonNode details) {}
