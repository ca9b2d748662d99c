package io.stepstream.asl.jsonata;

import com.dashjoin.jsonata.JException;
import java.util.regex.Pattern;

/**
 * Why one JSONata evaluation failed, kept in the two parts AWS prints: the JSONata error code
 * (T1006, D3137, ...), absent for the evaluation bounds, and the message. AWS joins them to the
 * sentence naming the field with {@code ". "} after a coded message and {@code ": "} otherwise.
 */
final class EvaluationFailure extends RuntimeException {

    static final String STACK_OVERFLOW =
            "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.";
    static final String TIMEOUT = "Expression evaluation timeout: Check for infinite loop";
    static final String MEMORY_LIMIT = "Expression evaluation memory limit exceeded: Check for excessive memory usage";

    private static final Pattern CODE = Pattern.compile("[A-Z][0-9]{4}");

    private final String code;

    EvaluationFailure(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    static EvaluationFailure uncoded(String message) {
        return new EvaluationFailure(null, message);
    }

    static EvaluationFailure memoryLimit() {
        return uncoded(MEMORY_LIMIT);
    }

    static EvaluationFailure stackOverflow(int depth, int maxDepth) {
        return uncoded(STACK_OVERFLOW + " Depth=" + depth + " max=" + maxDepth);
    }

    /** The library's error, split into its code (when it has one) and its message. */
    static EvaluationFailure of(JException e) {
        String error = e.getError();
        if ("T0410".equals(error) && e.getCurrent() != null && e.getExpected() != null) {
            // The library fills this template's placeholders wrongly ("of Object"); AWS prints JSONata's text.
            return new EvaluationFailure(error, "Argument " + e.getCurrent() + " of function \""
                    + e.getExpected() + "\" does not match function signature");
        }
        if (error != null && CODE.matcher(error).matches()) {
            return new EvaluationFailure(error, e.getMessage());
        }
        return uncoded(e.getMessage());
    }

    /** The JSONata code, or null for a failure that has none (the evaluation bounds). */
    String code() {
        return code;
    }

    /** The error text as AWS ends its cause with: {@code T1006: Attempted to invoke a non-function}. */
    String text() {
        return code == null ? getMessage() : code + ": " + getMessage();
    }
}
