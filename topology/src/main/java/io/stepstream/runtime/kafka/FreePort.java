package io.stepstream.runtime.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A TCP port on the loopback interface that was free a moment ago. */
final class FreePort {
    private FreePort() {}

    static int pick() {
        // The broker binds it right after; another process could take it in between, which is an
        // accepted risk for local runs and tests (KRaft's static voter list needs the port before start).
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on the loopback interface", e);
        }
    }
}
