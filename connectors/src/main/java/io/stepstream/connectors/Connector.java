package io.stepstream.connectors;

import java.util.concurrent.CompletionStage;

/**
 * Carries out Task states of one kind of Resource (a Lambda function, an HTTP call, a message to
 * publish...). A {@link io.stepstream.connectors.worker.Worker} calls it for every task request of
 * its queue, off the consumer thread, and sends the outcome back to the engine with the task
 * token. {@code invoke} may block or return at once with a stage completed later; it may throw,
 * which fails the task ({@link ConnectorException} with its error and cause, anything else with
 * the exception's class name).
 *
 * <p>To add a connector: implement this interface in a class with a public constructor taking a
 * {@link ConnectorContext} (or none), and name it in the configuration (connectors/README.md).
 */
@FunctionalInterface
public interface Connector extends AutoCloseable {

    CompletionStage<TaskOutcome> invoke(TaskInvocation task) throws Exception;

    /** Releases what the connector holds (clients, producers); called once, after the last invoke. */
    @Override
    default void close() {}
}
