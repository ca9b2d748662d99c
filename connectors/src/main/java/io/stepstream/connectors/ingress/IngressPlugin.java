package io.stepstream.connectors.ingress;

import io.stepstream.runtime.plugin.EnginePlugin;
import io.stepstream.runtime.plugin.PluginContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ingress} plug-in: starts executions from events (topic rules, webhooks) and routes
 * completions to the user's topics, as its configuration section says (connectors/README.md,
 * "Ingress"). An empty section starts nothing.
 */
public final class IngressPlugin implements EnginePlugin {

    @Override
    public String name() {
        return "ingress";
    }

    @Override
    public AutoCloseable start(PluginContext context) throws Exception {
        IngressSettings settings = IngressSettings.parse(context.settings());
        List<AutoCloseable> parts = new ArrayList<>();
        WebhookServer webhooks = null;
        try {
            if (!settings.topicRules().isEmpty()) {
                DeadLetters deadLetters = new DeadLetters(context.config());
                parts.add(deadLetters);
                for (IngressSettings.TopicRule rule : settings.topicRules()) {
                    parts.add(new TopicRuleConsumer(rule, context.config(), context.client(), deadLetters));
                }
            }
            if (settings.webhooks() != null) {
                webhooks = new WebhookServer(settings.webhooks(), context.config(), context.client());
                parts.add(webhooks);
            }
            if (!settings.completions().routes().isEmpty()) {
                parts.add(new CompletionForwarder(context.config(), settings.completions()));
            }
        } catch (Exception e) {
            new Ingress(parts, null).close();
            throw e;
        }
        return new Ingress(parts, webhooks);
    }

    /** The running plug-in; closing it stops the parts in reverse order of their start. */
    static final class Ingress implements AutoCloseable {
        private final List<AutoCloseable> parts;
        private final WebhookServer webhooks;

        Ingress(List<AutoCloseable> parts, WebhookServer webhooks) {
            this.parts = parts;
            this.webhooks = webhooks;
        }

        /** The webhook server's port; -1 without webhooks. */
        int webhookPort() {
            return webhooks == null ? -1 : webhooks.port();
        }

        @Override
        public void close() throws Exception {
            Exception first = null;
            for (int i = parts.size() - 1; i >= 0; i--) {
                try {
                    parts.get(i).close();
                } catch (Exception e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
