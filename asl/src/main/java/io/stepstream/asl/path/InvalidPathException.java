package io.stepstream.asl.path;

/** A path that is not valid where it is used; thrown at compile time, never while running. */
public final class InvalidPathException extends RuntimeException {
    public InvalidPathException(String message) {
        super(message);
    }
}
