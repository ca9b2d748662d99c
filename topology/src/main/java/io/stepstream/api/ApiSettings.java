package io.stepstream.api;

import java.util.Map;
import java.util.Objects;

/**
 * Where the API listens and whom it lets in.
 *
 * @param host the address to bind; never null ({@code 127.0.0.1} when no credentials are configured,
 *     unless the operator says otherwise)
 * @param port 0 for any free port
 * @param credentials access key id to secret access key; empty means requests need no signature
 */
public record ApiSettings(String host, int port, Map<String, String> credentials) {
    public static final int DEFAULT_PORT = 8083;

    public ApiSettings {
        Objects.requireNonNull(host, "host");
        credentials = Map.copyOf(credentials);
    }

    /** Loopback on {@code port}, no credentials, one instance. */
    public static ApiSettings local(int port) {
        return new ApiSettings("127.0.0.1", port, Map.of());
    }

    public ApiSettings withCredentials(Map<String, String> keys) {
        return new ApiSettings(host, port, keys);
    }

    public boolean authenticates() {
        return !credentials.isEmpty();
    }
}
