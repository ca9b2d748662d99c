/** How Task states reach the world and how events reach executions (filled by the connectors issue). */
package io.stepstream.connectors;
