package io.stepstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.dataflow.Assign;
import io.stepstream.asl.dataflow.Dataflow;
import io.stepstream.asl.engine.HistoryEvent;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.errors.ErrorMatcher;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.eval.Environment;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.local.LocalExecution;
import io.stepstream.asl.model.Catcher;
import io.stepstream.asl.model.ChoiceState;
import io.stepstream.asl.model.MapState;
import io.stepstream.asl.model.ParallelState;
import io.stepstream.asl.model.PassState;
import io.stepstream.asl.model.Retrier;
import io.stepstream.asl.model.State;
import io.stepstream.asl.model.TaskState;
import io.stepstream.asl.model.WaitState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * TestState's {@code inspectionData} and its Retry decision, from the tested state as asl compiled
 * it: the data flow's intermediate values ({@link Dataflow#inspect}), the variables after the
 * state, and {@code errorDetails} (the retrier that would retry the error and its backoff, or the
 * catcher that caught it). AWS gives every value but errorDetails as JSON text.
 */
final class Inspection {
    private static final Entropy ENTROPY = new Entropy() {
        @Override
        public UUID uuid() {
            return UUID.randomUUID();
        }

        @Override
        public long nextLong() {
            return ThreadLocalRandom.current().nextLong();
        }
    };

    private final State state;
    private final JsonNode input;
    private final JsonNode variables;
    private final Environment env;
    private final ObjectNode data = Json.NODES.objectNode();

    private Inspection(State state, JsonNode input, JsonNode variables, Environment env) {
        this.state = state;
        this.input = input;
        this.variables = variables;
        this.env = env;
    }

    /**
     * @param variables the request's variables (an object), or null
     * @param context the request's context object, or null
     */
    static Inspection of(State state, JsonNode input, JsonNode variables, JsonNode context, long nowMillis) {
        JsonNode ctx = context != null ? context : Json.NODES.objectNode();
        return new Inspection(state, input, variables, new Environment(() -> ctx,
                name -> variables == null ? null : variables.get(name), ENTROPY, nowMillis));
    }

    ObjectNode data() {
        return data;
    }

    /**
     * AWS's answer when a retrier of the state would retry the run's error after {@code retries}
     * retries: RETRIABLE with the error, and the retrier and its backoff in errorDetails; null when
     * none would (the error goes on to Catch).
     */
    ObjectNode retriable(LocalExecution run, int retries) {
        JsonNode error = firstError(run);
        if (error == null) {
            return null;
        }
        List<Retrier> retriers = retriers(state);
        for (int i = 0; i < retriers.size(); i++) {
            Retrier r = retriers.get(i);
            if (!ErrorMatcher.matches(r.errorEquals(), error.path("error").asText(null))) {
                continue;
            }
            if (retries >= r.maxAttempts()) {
                return null; // the first matching retrier decides, as in the interpreter
            }
            ObjectNode out = Json.NODES.objectNode().put("status", "RETRIABLE");
            putText(out, "error", error.get("error"));
            putText(out, "cause", error.get("cause"));
            data.putObject("errorDetails").put("retryIndex", i).put("retryBackoffIntervalSeconds", backoff(r, retries));
            return out;
        }
        return null;
    }

    /** Adds the index of the catcher that caught the run's error. */
    void caught(String status, LocalExecution run) {
        JsonNode error = firstError(run);
        if (!"CAUGHT_ERROR".equals(status) || error == null) {
            return;
        }
        List<Catcher> catchers = catchers(state);
        for (int i = 0; i < catchers.size(); i++) {
            if (ErrorMatcher.matches(catchers.get(i).errorEquals(), error.path("error").asText(null))) {
                data.putObject("errorDetails").put("catchIndex", i);
                return;
            }
        }
    }

    /**
     * DEBUG: the input, each stage of the data flow, the result and the variables after the state.
     * A stage that fails ends the list there (the answer carries the error).
     *
     * @param mockedResult a Task's mocked result, or null
     */
    void debug(LocalExecution run, JsonNode mockedResult) {
        data.put("input", Json.write(input));
        Dataflow dataflow = dataflow(state);
        if (dataflow == null) {
            return;
        }
        Map<String, JsonNode> stages = new LinkedHashMap<>();
        JsonNode result = null;
        try {
            dataflow.inspect(input, null, env, stages);
            JsonNode effective = stages.containsKey("afterArguments") ? stages.get("afterArguments")
                    : stages.get("afterParameters");
            result = state instanceof TaskState ? (firstError(run) == null ? mockedResult : null)
                    : state instanceof PassState p && p.result() != null ? p.result() : effective;
            if (result != null && !(state instanceof ChoiceState) && !(state instanceof WaitState)) {
                dataflow.inspect(input, result, env, stages);
            }
        } catch (AslException e) {
            // the stages so far stand; the answer reports the error
        }
        stages.forEach((name, value) -> {
            if (name.equals("afterResultSelector") || name.equals("afterResultPath")) {
                return;
            }
            data.put(name, Json.write(value));
        });
        if (result != null && (state instanceof TaskState || state instanceof PassState)) {
            data.put("result", Json.write(result));
        }
        putStage(stages, "afterResultSelector");
        putStage(stages, "afterResultPath");
        ObjectNode after = variablesAfter(result);
        if (!after.isEmpty()) {
            data.put("variables", Json.write(after));
        }
    }

    private void putStage(Map<String, JsonNode> stages, String name) {
        if (stages.containsKey(name)) {
            data.put(name, Json.write(stages.get(name)));
        }
    }

    /** The request's variables with the state's Assign applied (when it succeeded). */
    private ObjectNode variablesAfter(JsonNode result) {
        ObjectNode out = variables instanceof ObjectNode o ? o.deepCopy() : Json.NODES.objectNode();
        Assign assign = assign(state);
        if (assign != null && result != null) {
            try {
                assign.evaluate(input, result, env).forEach(out::set);
            } catch (AslException e) {
                // reported by the run
            }
        }
        return out;
    }

    /** The details ({error, cause}) of the first error event of the run, or null. */
    private static JsonNode firstError(LocalExecution run) {
        for (HistoryEvent e : run.history()) {
            if (e.type().isError() && e.details().has("error")) {
                return e.details();
            }
        }
        return null;
    }

    /** IntervalSeconds × BackoffRate^retries, capped by MaxDelaySeconds (before any jitter), in whole seconds. */
    private static long backoff(Retrier r, int retries) {
        double seconds = r.intervalSeconds() * Math.pow(r.backoffRate(), retries);
        if (r.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, r.maxDelaySeconds());
        }
        return (long) seconds;
    }

    private static List<Retrier> retriers(State s) {
        return s instanceof TaskState t ? t.retriers() : s instanceof ParallelState p ? p.retriers()
                : s instanceof MapState m ? m.retriers() : List.of();
    }

    private static List<Catcher> catchers(State s) {
        return s instanceof TaskState t ? t.catchers() : s instanceof ParallelState p ? p.catchers()
                : s instanceof MapState m ? m.catchers() : List.of();
    }

    private static Dataflow dataflow(State s) {
        return s instanceof TaskState t ? t.dataflow() : s instanceof PassState p ? p.dataflow() : null;
    }

    private static Assign assign(State s) {
        return s instanceof TaskState t ? t.assign() : s instanceof PassState p ? p.assign() : null;
    }

    private static void putText(ObjectNode out, String field, JsonNode value) {
        if (value != null && !value.isNull()) {
            out.put(field, value.asText());
        }
    }
}
