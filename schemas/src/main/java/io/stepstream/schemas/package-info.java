/** Avro records of every topic and store, and their serdes (filled by the Kafka runtime). */
package io.stepstream.schemas;
