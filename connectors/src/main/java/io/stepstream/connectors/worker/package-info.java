/** The worker library: consume a task queue, run a handler, answer with the task token. */
package io.stepstream.connectors.worker;
