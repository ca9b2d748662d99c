package io.stepstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/** Routes {@code X-Amz-Target: AWSStepFunctions.<Operation>} to the operation's handler. */
final class Dispatcher {
    static final String TARGET_PREFIX = "AWSStepFunctions.";

    /** One API operation: a request body in, a response body out, or an {@link ApiException}. */
    @FunctionalInterface
    interface Operation {
        JsonNode handle(Call call);
    }

    private final Map<String, Operation> operations = new TreeMap<>();

    Dispatcher register(String name, Operation operation) {
        operations.put(name, operation);
        return this;
    }

    JsonNode dispatch(String target, Call call) {
        Operation op = target == null || !target.startsWith(TARGET_PREFIX) ? null
                : operations.get(target.substring(TARGET_PREFIX.length()));
        if (op == null) {
            throw ApiException.frontEnd("UnknownOperationException", target == null
                    ? "Missing X-Amz-Target header" : "Unknown operation " + target, 400);
        }
        return op.handle(call);
    }
}
