package io.stepstream.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;

/**
 * Enforces an {@link EvaluationBudget} from the library's entry and exit callbacks, the hooks
 * its own Timebox uses. Depth is counted exactly as Timebox counts it (calls flagged as parallel
 * are skipped), because AWS's depth errors match Timebox's numbers. One guard per evaluation.
 */
final class EvaluationGuard {

    private static final String ENTRY = "__evaluate_entry";
    private static final String EXIT = "__evaluate_exit";

    private final EvaluationBudget budget;
    private final long startNanos;
    private final long maxNanos;
    private int depth;
    private long totalBytes;

    private EvaluationGuard(EvaluationBudget budget) {
        this.budget = budget;
        this.maxNanos = budget.maxTime().toNanos();
        // A watchdog, not a clock: it only decides whether a runaway evaluation is cut.
        this.startNanos = System.nanoTime();
    }

    /** Installs a fresh guard on {@code frame}, the bindings of one evaluation. */
    static void install(Jsonata.Frame frame, EvaluationBudget budget) {
        EvaluationGuard guard = new EvaluationGuard(budget);
        frame.bind(ENTRY, (Jsonata.EntryCallback) (expr, input, env) -> guard.enter(env));
        frame.bind(EXIT, (Jsonata.ExitCallback) (expr, input, env, result) -> guard.exit(env, result));
    }

    private void enter(Jsonata.Frame env) {
        if (env.isParallelCall) {
            return;
        }
        depth++;
        check();
    }

    private void exit(Jsonata.Frame env, Object result) {
        long size = JsonataValues.aggregateSize(result);
        if (size >= 0) {
            totalBytes += size;
            if (size > budget.maxValueBytes() || totalBytes > budget.maxTotalBytes()) {
                throw EvaluationFailure.memoryLimit();
            }
        }
        if (env.isParallelCall) {
            return;
        }
        depth--;
        check();
    }

    private void check() {
        if (depth > budget.maxDepth()) {
            throw EvaluationFailure.stackOverflow(depth, budget.maxDepth());
        }
        if (System.nanoTime() - startNanos > maxNanos) {
            throw EvaluationFailure.uncoded(EvaluationFailure.TIMEOUT);
        }
    }
}
