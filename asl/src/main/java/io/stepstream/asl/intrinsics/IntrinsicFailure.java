package io.stepstream.asl.intrinsics;

/**
 * A failure inside an intrinsic call. The call boundary ({@link ParsedCall}) turns it into AWS's
 * {@code States.Runtime} cause: "The function '...' had the following error: {detail}".
 */
final class IntrinsicFailure extends RuntimeException {

    IntrinsicFailure(String detail) {
        super(detail, null, false, false);
    }

    /** AWS's detail for an argument of the wrong type or out of the function's range. */
    static IntrinsicFailure invalidArguments(String function) {
        return new IntrinsicFailure("Invalid arguments in " + function);
    }

    String detail() {
        return getMessage();
    }
}
