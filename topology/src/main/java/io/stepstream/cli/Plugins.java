package io.stepstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.client.EngineClient;
import io.stepstream.runtime.plugin.EnginePlugin;
import io.stepstream.runtime.plugin.PluginContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The configuration file ({@code --config}: a JSON object with one section per plug-in, plus the
 * engine's {@code taskRoutes}) and the plug-ins found on the class path, started after the engine
 * and closed before it.
 */
final class Plugins {
    private final JsonNode settings;
    private final List<EnginePlugin> plugins = new ArrayList<>();

    private Plugins(JsonNode settings) {
        this.settings = settings;
        ServiceLoader.load(EnginePlugin.class).forEach(plugins::add);
    }

    /** Reads {@code file} (null: no file, every section empty). */
    static Plugins load(Path file) {
        JsonNode settings = file == null ? Json.NODES.objectNode() : Json.parse(Inputs.read(file));
        if (!settings.isObject()) {
            throw new IllegalArgumentException("The configuration " + file + " must be a JSON object");
        }
        return new Plugins(settings);
    }

    /** Adds the file's {@code taskRoutes} ({@code [{"resource": regex, "queue": name}]}) to the engine's. */
    EngineConfig.Builder configure(EngineConfig.Builder builder) {
        for (JsonNode route : settings.path("taskRoutes")) {
            builder.taskRoute(route.path("resource").asText(), route.path("queue").asText());
        }
        return builder;
    }

    /** The task queues the plug-ins serve, so a run's own worker leaves them alone. */
    Set<String> taskQueues() {
        Set<String> queues = new HashSet<>();
        plugins.forEach(p -> queues.addAll(p.taskQueues(section(p))));
        return queues;
    }

    /** Starts every plug-in; the handle closes them in reverse order. */
    AutoCloseable start(EngineConfig config, EngineClient client) throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        AutoCloseable all = () -> {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception e) {
                    System.err.println("Could not stop a plug-in: " + e);
                }
            }
        };
        try {
            for (EnginePlugin plugin : plugins) {
                started.add(plugin.start(new PluginContext(config, client, section(plugin))));
            }
        } catch (Exception e) {
            all.close();
            throw e;
        }
        return all;
    }

    private JsonNode section(EnginePlugin plugin) {
        JsonNode section = settings.get(plugin.name());
        return section == null || section.isNull() ? Json.NODES.objectNode() : section;
    }
}
