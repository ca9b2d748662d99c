package io.stepstream.asl.parse;

import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.model.Evaluable;

/** AWS's range checks on a Map's ToleratedFailureCount and ToleratedFailurePercentage, whatever their form. */
final class Tolerance {
    private Tolerance() {}

    static Evaluable<Long> count(Evaluable<Long> source) {
        return (data, env) -> {
            long v = source.evaluate(data, env);
            if (v < 0) {
                throw AslException.runtime("ToleratedFailureCount cannot be negative.");
            }
            return v;
        };
    }

    static Evaluable<Double> percentage(Evaluable<Double> source) {
        return (data, env) -> {
            double v = source.evaluate(data, env);
            if (v < 0 || v > 100) {
                throw AslException.runtime("ToleratedFailurePercentage must be between 0 and 100.");
            }
            return v;
        };
    }
}
