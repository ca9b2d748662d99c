package io.stepstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.StateMachines;
import io.stepstream.asl.engine.ExecutionStatus;
import io.stepstream.asl.engine.HistoryEvent;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.local.LocalExecution;
import io.stepstream.asl.local.LocalRunner;
import io.stepstream.asl.local.LocalTaskHandler;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.StateMachine;
import io.stepstream.asl.validate.InvalidDefinitionException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * TestState: runs one state on an input with the pure interpreter (no Kafka, a virtual clock). The
 * state becomes a machine of its own: a Pass state first when {@code variables} are given (it
 * assigns them), then the state, then a Succeed state for each state it may go to, whose name is
 * the {@code nextState} answered. A Task state needs a {@code mock} (its result or its error):
 * Stepstream calls no service here. The state runs once, without its retriers; an error a retrier
 * would still retry (after {@code stateConfiguration.retrierRetryCount} retries) is RETRIABLE,
 * one it would not goes on to Catch (CAUGHT_ERROR) or fails, as on AWS. At DEBUG and TRACE,
 * {@link Inspection} fills {@code inspectionData}.
 */
final class TestStateOperation {
    private static final String STATE = "TestState";
    private static final String PRELUDE = "TestState.Variables";

    private final Api api;

    TestStateOperation(Api api) {
        this.api = api;
    }

    void registerWith(Dispatcher d) {
        d.register("TestState", c -> test(c.body()));
    }

    private JsonNode test(Body body) {
        JsonNode parsed = parse(body.required("definition"), "definition");
        String name = body.text("stateName");
        JsonNode state = parsed.has("States") && name != null ? parsed.path("States").get(name) : parsed;
        if (!(state instanceof ObjectNode)) {
            throw ApiException.of("InvalidDefinition", "Invalid State Machine Definition: 'the definition is not a"
                    + " state" + (name == null ? "" : " named '" + name + "'") + "'");
        }
        ObjectNode tested = ((ObjectNode) state).deepCopy();
        JsonNode retry = tested.remove("Retry");
        ObjectNode machine = Json.NODES.objectNode();
        ObjectNode states = machine.putObject("States");
        JsonNode variables = body.text("variables") == null ? null : parse(body.text("variables"), "variables");
        if (variables != null) {
            machine.put("StartAt", PRELUDE);
            states.putObject(PRELUDE).put("Type", "Pass").put("Next", STATE).set("Assign", variables);
        } else {
            machine.put("StartAt", STATE);
        }
        states.set(STATE, tested);
        for (String target : targets(tested)) {
            states.putObject(target).put("Type", "Succeed");
        }
        StateMachine compiled;
        try {
            compiled = StateMachines.load(machine, MachineType.STANDARD);
        } catch (InvalidDefinitionException e) {
            throw ApiException.of("InvalidDefinition", e.getMessage());
        }
        JsonNode input = parse(body.text("input", "{}"), "input");
        Inspection inspection = Inspection.of(compile(tested, retry), input, variables,
                body.text("context") == null ? null : parse(body.text("context"), "context"), api.clock().millis());
        JsonNode mock = body.node("mock");
        String[] unmocked = new String[1];
        LocalExecution run = new LocalRunner().arnScope(api.arns().region(), api.arns().account())
                .fallback(task -> {
                    if (mock == null) {
                        unmocked[0] = task.resource().arn();
                        return LocalTaskHandler.pending();
                    }
                    return mock(mock);
                })
                .start(compiled, "TestState", "test-state", input, api.clock().millis()).runUntilIdle();
        if (unmocked[0] != null) {
            throw ApiException.validation("Stepstream's TestState calls no service: give a mock (result or"
                    + " errorOutput) for the Task state's resource '" + unmocked[0] + "'");
        }
        String level = body.text("inspectionLevel", "INFO");
        int retries = body.node("stateConfiguration") == null ? 0
                : body.node("stateConfiguration").path("retrierRetryCount").asInt(0);
        ObjectNode out = inspection.retriable(run, retries);
        if (out == null) {
            out = answer(run, tested);
            inspection.caught(out.path("status").asText(), run);
        }
        if (!"INFO".equals(level)) {
            inspection.debug(run, mock == null || !mock.hasNonNull("result") ? null
                    : parse(mock.get("result").asText(), "mock.result"));
        }
        if (!inspection.data().isEmpty()) {
            out.set("inspectionData", inspection.data());
        }
        return out;
    }

    /** The tested state compiled with its retriers (the run drops them), for Inspection. */
    private static io.stepstream.asl.model.State compile(ObjectNode tested, JsonNode retry) {
        ObjectNode withRetry = tested.deepCopy();
        if (retry != null) {
            withRetry.set("Retry", retry);
        }
        ObjectNode machine = Json.NODES.objectNode().put("StartAt", STATE);
        machine.putObject("States").set(STATE, withRetry);
        for (String target : targets(withRetry)) {
            ((ObjectNode) machine.get("States")).putObject(target).put("Type", "Succeed");
        }
        try {
            return StateMachines.load(machine, MachineType.STANDARD).graph().state(STATE);
        } catch (InvalidDefinitionException e) {
            throw ApiException.of("InvalidDefinition", e.getMessage());
        }
    }

    private static LocalTaskHandler.Outcome mock(JsonNode mock) {
        if (mock.hasNonNull("result")) {
            return LocalTaskHandler.succeeded(parse(mock.get("result").asText(), "mock.result"));
        }
        JsonNode error = mock.path("errorOutput");
        return LocalTaskHandler.failed(error.path("error").asText(null), error.path("cause").asText(null));
    }

    private static ObjectNode answer(LocalExecution run, JsonNode tested) {
        ObjectNode out = Json.NODES.objectNode();
        String next = null;
        boolean left = false;
        boolean errored = false;
        for (HistoryEvent e : run.history()) {
            errored |= e.type().isError();
            String entered = e.type().name().endsWith("StateEntered") ? e.details().path("name").asText() : null;
            if (left && entered != null) {
                next = entered;
                break;
            }
            left |= e.type().name().endsWith("StateExited") && STATE.equals(e.details().path("name").asText());
            left |= e.type().name().equals("TaskFailed") || e.type().name().equals("LambdaFunctionFailed");
        }
        boolean caught = errored && next != null && tested.path("Catch").findValuesAsText("Next").contains(next);
        if (run.status() == ExecutionStatus.SUCCEEDED) {
            out.put("status", caught ? "CAUGHT_ERROR" : "SUCCEEDED");
            out.put("output", Json.write(run.output()));
            if (next != null) {
                out.put("nextState", next);
            }
        } else if (run.status() == ExecutionStatus.RUNNING) {
            throw ApiException.validation("The state waits for a callback (.waitForTaskToken or an activity);"
                    + " give a mock result to test it");
        } else {
            out.put("status", "FAILED");
            if (run.error() != null) {
                putIfNotNull(out, "error", run.error().error());
                putIfNotNull(out, "cause", run.error().cause());
            }
        }
        return out;
    }

    /** The states the tested state may go to: Next, Default, each Choice's Next and each Catcher's Next. */
    private static Set<String> targets(JsonNode state) {
        Set<String> out = new LinkedHashSet<>(targetsOnSuccess(state));
        state.path("Catch").forEach(c -> out.add(c.path("Next").asText()));
        out.remove("");
        out.remove(STATE);
        return out;
    }

    private static Set<String> targetsOnSuccess(JsonNode state) {
        Set<String> out = new LinkedHashSet<>();
        out.add(state.path("Next").asText());
        out.add(state.path("Default").asText());
        state.path("Choices").forEach(c -> out.add(c.path("Next").asText()));
        out.remove("");
        return out;
    }

    private static JsonNode parse(String text, String field) {
        try {
            return Json.parse(text);
        } catch (RuntimeException e) {
            throw ApiException.validation("'" + field + "' is not JSON: " + e.getMessage());
        }
    }

    private static void putIfNotNull(ObjectNode out, String field, String value) {
        if (value != null) {
            out.put(field, value);
        }
    }
}
