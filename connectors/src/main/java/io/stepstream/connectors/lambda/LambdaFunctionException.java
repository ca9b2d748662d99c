package io.stepstream.connectors.lambda;

/** A function error with the errorType a Lambda runtime would report (e.g. {@code HandledError}). */
public class LambdaFunctionException extends Exception {
    private final String errorType;

    public LambdaFunctionException(String errorType, String errorMessage) {
        super(errorMessage);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }
}
