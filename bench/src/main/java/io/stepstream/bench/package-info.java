/** JMH benchmarks of the interpreter. */
package io.stepstream.bench;
