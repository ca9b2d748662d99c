/**
 * Replay: re-executes recorded executions from the commands topic through the pure interpreter on
 * a virtual clock, side-effect free, and compares the new transitions with the recorded ones.
 */
package io.stepstream.runtime.replay;
