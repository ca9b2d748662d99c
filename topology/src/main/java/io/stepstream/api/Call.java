package io.stepstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One API request as an operation sees it.
 *
 * @param localOnly set when another instance asks for this instance's part of a scan (ListExecutions)
 * @param askPeer sends this same request to another instance for its local part, and returns its answer
 */
record Call(Body body, boolean localOnly, Function<HostInfo, JsonNode> askPeer) {}
