/**
 * Kafka plumbing of the runtime that does not depend on the interpreter: an in-process KRaft
 * broker for local runs and tests, and the project's topics.
 */
package io.stepstream.runtime.kafka;
