/**
 * Ingress: starting executions from events (topic rules, webhooks) and routing completions to
 * the user's topics, as the {@code ingress} engine plug-in.
 */
package io.stepstream.connectors.ingress;
