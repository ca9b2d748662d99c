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
        return encode(executionArn, taskId, Long.toHexString(nonce));
    }

    /** The token of a task, from the nonce {@link #nonce} read out of it. */
    static String encode(String executionArn, String taskId, String nonce) {
        String raw = executionArn + "\n" + taskId + "\n" + nonce;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The nonce of a token {@link #encode} made for this execution and task, for a state to keep
     * instead of the token; null for any other token (it must then be kept whole).
     */
    static String nonce(String token, String executionArn, String taskId) {
        String raw = raw(token);
        int prefix = executionArn.length() + taskId.length() + 2;
        if (raw == null || raw.length() <= prefix || !raw.startsWith(executionArn)
                || raw.charAt(executionArn.length()) != '\n' || !raw.startsWith(taskId, executionArn.length() + 1)
                || raw.charAt(prefix - 1) != '\n') {
            return null;
        }
        return raw.substring(prefix); // a state's tokens are all made by encode, which this undoes
    }

    /** The execution and task a token names, or null when it is not a token of ours. */
    public static Decoded decode(String token) {
        String raw = raw(token);
        String[] parts = raw == null ? null : raw.split("\n");
        return parts != null && parts.length == 3 ? new Decoded(parts[0], parts[1]) : null;
    }

    /** The text a token encodes, or null when it is not Base64. */
    private static String raw(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
