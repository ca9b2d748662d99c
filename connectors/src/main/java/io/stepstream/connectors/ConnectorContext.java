package io.stepstream.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.client.EngineClient;

/**
 * What a connector is made with: its name in the configuration, its settings (an object, never
 * null), and the engine it serves.
 */
public record ConnectorContext(String name, JsonNode settings, EngineConfig config, EngineClient client) {}
