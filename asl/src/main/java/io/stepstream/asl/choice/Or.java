package io.stepstream.asl.choice;

import io.stepstream.asl.eval.Bindings;
import java.util.List;

/** {@code Or}: true when any rule holds; evaluated in order and stops at the first true one. */
record Or(List<ChoiceRule> rules) implements ChoiceRule {

    Or {
        rules = List.copyOf(rules);
    }

    @Override
    public boolean test(Bindings bindings) {
        for (ChoiceRule rule : rules) {
            if (rule.test(bindings)) {
                return true;
            }
        }
        return false;
    }
}
