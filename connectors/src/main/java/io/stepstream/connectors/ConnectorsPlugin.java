package io.stepstream.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.connectors.http.HttpConnector;
import io.stepstream.connectors.lambda.LambdaConnector;
import io.stepstream.connectors.publish.EventsPutEventsConnector;
import io.stepstream.connectors.publish.KafkaProduceConnector;
import io.stepstream.connectors.publish.SnsPublishConnector;
import io.stepstream.connectors.publish.SqsSendMessageConnector;
import io.stepstream.connectors.worker.Worker;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.plugin.EnginePlugin;
import io.stepstream.runtime.plugin.PluginContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code connectors} engine plug-in: one {@link Worker} per configured connector, on the
 * connector's task queue. Its configuration section maps connector names to settings:
 * {@code {"lambda": {...}, "http": {...}, "mine": {"class": "com.acme.Mine", "queue": "mine"}}};
 * a name that is a built-in type (lambda, http, sns, sqs, events, kafka) needs no {@code type}.
 * An empty section runs nothing. See connectors/README.md.
 */
public final class ConnectorsPlugin implements EnginePlugin {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorsPlugin.class);
    /** The built-in connectors by type; each type's default queue is its name. */
    static final Map<String, Function<ConnectorContext, Connector>> BUILT_IN = Map.of(
            "lambda", LambdaConnector::new,
            "http", HttpConnector::new,
            "sns", SnsPublishConnector::new,
            "sqs", SqsSendMessageConnector::new,
            "events", EventsPutEventsConnector::new,
            "kafka", KafkaProduceConnector::new);

    @Override
    public String name() {
        return "connectors";
    }

    @Override
    public Set<String> taskQueues(JsonNode settings) {
        Set<String> queues = new LinkedHashSet<>();
        settings.fields().forEachRemaining(e -> queues.add(queue(e.getKey(), e.getValue())));
        return queues;
    }

    private static String queue(String name, JsonNode settings) {
        return settings.path("queue").asText(name);
    }

    @Override
    public AutoCloseable start(PluginContext context) {
        List<Worker> workers = new ArrayList<>();
        List<Connector> connectors = new ArrayList<>();
        AutoCloseable all = () -> {
            workers.forEach(Worker::close);
            connectors.forEach(Connector::close);
        };
        try {
            createQueues(context.config(), taskQueues(context.settings()));
            for (Iterator<Map.Entry<String, JsonNode>> it = context.settings().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                JsonNode settings = e.getValue();
                Connector connector = connector(new ConnectorContext(name, settings, context.config(), context.client()));
                connectors.add(connector);
                workers.add(Worker.builder(context.config(), context.client()).queue(queue(name, settings))
                        .group(settings.path("group").asText(context.config().names().prefix() + "-connector-" + name))
                        .concurrency(settings.path("concurrency").asInt(32)).handler(connector).start());
                LOG.info("Connector {} serves task queue {}", name, queue(name, settings));
            }
        } catch (RuntimeException e) {
            try {
                all.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return all;
    }

    /** A built-in by {@code type} (default: the name), or {@code class}: a public (ConnectorContext) or no-argument constructor. */
    static Connector connector(ConnectorContext context) {
        JsonNode settings = context.settings();
        if (settings.hasNonNull("class")) {
            String className = settings.get("class").asText();
            try {
                Class<? extends Connector> type = Class.forName(className).asSubclass(Connector.class);
                try {
                    return type.getConstructor(ConnectorContext.class).newInstance(context);
                } catch (NoSuchMethodException e) {
                    return type.getConstructor().newInstance();
                }
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalArgumentException("Cannot make connector '" + context.name() + "' of class "
                        + className + ": " + e, e);
            }
        }
        String type = settings.path("type").asText(context.name());
        Function<ConnectorContext, Connector> factory = BUILT_IN.get(type);
        if (factory == null) {
            throw new IllegalArgumentException("Connector '" + context.name() + "' has no \"class\" and '" + type
                    + "' is not a built-in type " + new java.util.TreeSet<>(BUILT_IN.keySet()));
        }
        return factory.apply(context);
    }

    private static void createQueues(EngineConfig config, Set<String> queues) {
        if (!queues.isEmpty()) {
            Worker.createMissing(config, queues);
        }
    }
}
