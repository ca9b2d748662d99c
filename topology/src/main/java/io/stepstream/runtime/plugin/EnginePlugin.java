package io.stepstream.runtime.plugin;

/**
 * A part of the application that runs beside the engine (connectors, ingress), found with
 * {@link java.util.ServiceLoader} so {@code stepstream run} and {@code stepstream server} start
 * whatever plug-ins are on the class path, each configured by its own section of the
 * configuration file.
 */
public interface EnginePlugin {

    /** The configuration section this plug-in reads, e.g. {@code connectors} or {@code ingress}. */
    String name();

    /**
     * Starts the plug-in against a running engine; the returned handle stops it (gracefully:
     * finish or hand back work in flight).
     */
    AutoCloseable start(PluginContext context) throws Exception;

    /**
     * The task queues this plug-in serves with {@code settings}, so that {@code stepstream run}
     * leaves them to it instead of answering their tasks itself. None by default.
     */
    default java.util.Set<String> taskQueues(com.fasterxml.jackson.databind.JsonNode settings) {
        return java.util.Set.of();
    }
}
