package io.stepstream.asl.errors;

import java.util.List;

/** AWS's rule for whether an ErrorEquals list matches an error (asl-features.md 1.21). */
public final class ErrorMatcher {
    private ErrorMatcher() {}

    /**
     * True when {@code errorEquals} names {@code error}, or holds {@code States.ALL}, or holds
     * {@code States.TaskFailed} and the error is not {@code States.Timeout}. States.Runtime
     * matches nothing: it is never retried nor caught.
     */
    public static boolean matches(List<String> errorEquals, String error) {
        if (ErrorNames.RUNTIME.equals(error)) {
            return false;
        }
        for (String name : errorEquals) {
            if (name.equals(error) || ErrorNames.ALL.equals(name)) {
                return true;
            }
            if (ErrorNames.TASK_FAILED.equals(name) && !ErrorNames.TIMEOUT.equals(error)) {
                return true;
            }
        }
        return false;
    }
}
