package io.stepstream.asl.choice;

/** Thrown by {@link ChoiceRules#compile} for a malformed Choice Rule; the message names the problem. */
public final class InvalidChoiceRuleException extends RuntimeException {

    public InvalidChoiceRuleException(String message) {
        super(message);
    }

    public InvalidChoiceRuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
