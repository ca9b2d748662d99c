package io.stepstream.runtime.engine;

/**
 * A command the engine cannot apply because of what it says (unknown execution or machine, bad
 * JSON, a token of another execution...), not because of a fault: it goes to the dead-letter
 * topic with this message as the reason. Messages start with AWS's error name where AWS has one
 * ({@code ExecutionAlreadyExists: ...}).
 */
final class UnprocessableCommandException extends RuntimeException {
    UnprocessableCommandException(String message) {
        super(message, null, false, false);
    }
}
