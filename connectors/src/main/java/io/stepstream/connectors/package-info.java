/**
 * How Task states reach the world: a {@link io.stepstream.connectors.Connector} per kind of
 * Resource, run by a {@link io.stepstream.connectors.worker.Worker} on its task queue, and the
 * {@code connectors} engine plug-in that starts them from configuration.
 */
package io.stepstream.connectors;
