package io.stepstream.asl.choice;

import io.stepstream.asl.eval.Bindings;

/**
 * A compiled JSONPath-mode Choice Rule: a Boolean expression ({@code And}, {@code Or},
 * {@code Not}) or a data-test expression ({@code Variable} and one comparison operator). Built once
 * by {@link ChoiceRules#compile}; immutable and safe to share between threads.
 */
public sealed interface ChoiceRule permits And, Or, Not, DataTest {

    /**
     * Whether the rule holds for {@code bindings}. A type mismatch makes a comparison false, never
     * an error.
     *
     * @throws io.stepstream.asl.errors.AslException States.Runtime when a {@code Variable} or a
     *     {@code ...Path} operand selects nothing (except for {@code IsPresent}), or when a
     *     {@code StringMatches} pattern has an open escape
     */
    boolean test(Bindings bindings);
}
