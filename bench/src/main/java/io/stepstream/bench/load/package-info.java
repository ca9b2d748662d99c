/** The load generator: the Kafka engine end to end against a real broker ({@link io.stepstream.bench.load.LoadMain}). */
package io.stepstream.bench.load;
