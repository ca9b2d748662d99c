package io.stepstream.asl.choice;

import io.stepstream.asl.eval.Bindings;
import java.util.List;

/** {@code And}: true when every rule holds; evaluated in order and stops at the first false one. */
record And(List<ChoiceRule> rules) implements ChoiceRule {

    And {
        rules = List.copyOf(rules);
    }

    @Override
    public boolean test(Bindings bindings) {
        for (ChoiceRule rule : rules) {
            if (!rule.test(bindings)) {
                return false;
            }
        }
        return true;
    }
}
