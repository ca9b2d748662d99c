package io.stepstream.asl.engine;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Task tokens: opaque to users, but they name the execution (so a callback can be routed to the
 * partition that owns it) and the task, plus 64 bits from the execution's entropy. A runtime that
 * seeds the entropy with a secret makes them unguessable.
 */
public final class TaskTokens {
    private TaskTokens() {}

    /** The parts of a token. */
    public record Decoded(String executionArn, String taskId) {}

    static String encode(String executionArn, String taskId, long nonce) {
        String raw = executionArn + "\n" + taskId + "\n" + Long.toHexString(nonce);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The execution and task a token names, or null when it is not a token of ours. */
    public static Decoded decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split("\n");
            return parts.length == 3 ? new Decoded(parts[0], parts[1]) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
