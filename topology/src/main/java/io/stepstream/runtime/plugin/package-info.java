/** The hook by which connectors and ingress plug into the engine process. */
package io.stepstream.runtime.plugin;
