package io.stepstream.runtime.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.client.EngineClient;

/**
 * What a plug-in starts with: the engine's configuration (bootstrap servers, topic names), a
 * client of the engine's topics, and the plug-in's own configuration section (a missing section
 * is an empty object, never null).
 */
public record PluginContext(EngineConfig config, EngineClient client, JsonNode settings) {}
