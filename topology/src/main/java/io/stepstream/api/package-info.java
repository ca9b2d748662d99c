/**
 * The AWS Step Functions API of the engine (AWS JSON 1.0 over HTTP, Signature Version 4): a Jetty
 * server, a dispatcher, one class per group of operations, reads answered from the engine's state
 * stores (forwarded to the instance that owns a key).
 */
package io.stepstream.api;
