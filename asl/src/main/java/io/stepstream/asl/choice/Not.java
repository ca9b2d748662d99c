package io.stepstream.asl.choice;

import io.stepstream.asl.eval.Bindings;
import java.util.Objects;

/** {@code Not}: the negation of one rule. Errors of the inner rule pass through unchanged. */
record Not(ChoiceRule rule) implements ChoiceRule {

    Not {
        Objects.requireNonNull(rule, "rule");
    }

    @Override
    public boolean test(Bindings bindings) {
        return !rule.test(bindings);
    }
}
