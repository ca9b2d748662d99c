/**
 * Avro records of every topic and store (generated into {@code io.stepstream.schemas.avro}) and
 * the Kafka serdes that write them, in the Confluent schema-registry wire format when a registry
 * is configured and in Avro single-object encoding when none is.
 */
package io.stepstream.schemas;
