package io.stepstream.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.errors.AslError;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.MapState;
import io.stepstream.asl.model.ParallelState;
import io.stepstream.asl.model.State;
import io.stepstream.asl.model.StateGraph;
import io.stepstream.asl.model.StateMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link ExecutionState} as JSON and reads it back, for state stores and replay. The
 * JSON carries a {@code v} version; a reader keeps accepting every version it ever wrote. Frames
 * are stored without their {@link StateGraph}: it is found again from the machine, since a
 * child's graph is always a branch or the processor of the state its parent is in. The redrive
 * fields (redrive count, time and token; a frame's halted fan-out; a fan-out's unsuccessful and
 * redriven children) were added within version 1 and default to none: a state written before them
 * reads fine, and a redrive of it re-runs a halted Parallel or Map whole.
 */
public final class ExecutionStateCodec {
    /** The version written today. */
    public static final int VERSION = 1;

    private ExecutionStateCodec() {}

    public static JsonNode encode(ExecutionState state) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("v", VERSION);
        ExecutionInfo info = state.info;
        ObjectNode i = out.putObject("info");
        i.put("executionArn", info.executionArn()).put("name", info.name())
                .put("stateMachineArn", info.stateMachineArn()).put("stateMachineName", info.stateMachineName())
                .put("roleArn", info.roleArn()).put("type", info.type().name()).put("startTime", info.startTime());
        i.set("input", info.input());
        out.put("status", state.status.name());
        out.set("output", state.output);
        if (state.error != null) {
            out.set("error", error(state.error));
        }
        out.put("stopTime", state.stopTime).put("sequence", state.sequence).put("lastEventId", state.lastEventId);
        putTimer(out, "executionTimerId", "executionTimerDue", state.executionTimer);
        if (state.redriveCount > 0) {
            out.put("redriveCount", state.redriveCount).put("redriveTime", state.redriveTime)
                    .put("redriveToken", state.redriveToken);
        }
        if (state.root != null) {
            out.set("root", frame(state.root));
        }
        return out;
    }

    public static ExecutionState decode(JsonNode json, StateMachine machine) {
        int version = json.path("v").asInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("Unknown execution state version " + version);
        }
        JsonNode i = json.get("info");
        ExecutionInfo info = new ExecutionInfo(i.get("executionArn").asText(), i.get("name").asText(),
                i.get("stateMachineArn").asText(), i.get("stateMachineName").asText(), text(i, "roleArn"),
                MachineType.valueOf(i.get("type").asText()), i.get("input"), i.get("startTime").asLong());
        ExecutionState state = new ExecutionState(info);
        state.status = ExecutionStatus.valueOf(json.get("status").asText());
        state.output = nullable(json.get("output"));
        state.error = json.has("error") ? error(json.get("error")) : null;
        state.stopTime = json.path("stopTime").asLong();
        state.sequence = json.path("sequence").asLong();
        state.lastEventId = json.path("lastEventId").asLong();
        state.executionTimer = timer(json, "executionTimerId", "executionTimerDue");
        state.redriveCount = json.path("redriveCount").asInt();
        state.redriveTime = json.path("redriveTime").asLong();
        state.redriveToken = text(json, "redriveToken");
        if (json.has("root")) {
            state.root = frame(json.get("root"), machine.graph(), null);
        }
        return state;
    }

    private static ObjectNode frame(Frame f) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("id", f.id).put("index", f.index).put("state", f.stateName);
        out.set("input", f.input);
        out.put("enteredEventId", f.enteredEventId).put("enteredTime", f.enteredTime).put("lastEventId", f.lastEventId);
        if (f.variables != null) {
            ObjectNode vars = out.putObject("variables");
            f.variables.forEach(vars::set);
        }
        ArrayNode attempts = out.putArray("retryAttempts");
        for (int a : f.retryAttempts) {
            attempts.add(a);
        }
        out.put("retryCount", f.retryCount);
        if (f.wait != null) {
            out.set("wait", wait(f.wait));
        }
        if (f.fanout != null) {
            out.set("fanout", fanout(f.fanout));
        }
        if (f.halted != null) {
            out.set("halted", fanout(f.halted));
        }
        return out;
    }

    private static Frame frame(JsonNode json, StateGraph graph, Frame parent) {
        Frame f = new Frame(json.get("id").asText(), graph, parent, json.get("index").asInt());
        f.stateName = json.get("state").asText();
        f.state = graph.state(f.stateName);
        f.input = json.get("input");
        f.enteredEventId = json.path("enteredEventId").asLong();
        f.enteredTime = json.path("enteredTime").asLong();
        f.lastEventId = json.path("lastEventId").asLong();
        if (json.has("variables")) {
            f.variables = new java.util.LinkedHashMap<>();
            json.get("variables").properties().forEach(e -> f.variables.put(e.getKey(), e.getValue()));
        }
        JsonNode attempts = json.path("retryAttempts");
        f.retryAttempts = new int[attempts.size()];
        for (int k = 0; k < attempts.size(); k++) {
            f.retryAttempts[k] = attempts.get(k).asInt();
        }
        f.retryCount = json.path("retryCount").asInt();
        f.wait = json.has("wait") ? wait(json.get("wait")) : null;
        if (json.has("fanout")) {
            f.fanout = fanout(json.get("fanout"), f);
        }
        if (json.has("halted")) {
            f.halted = fanout(json.get("halted"), f);
        }
        return f;
    }

    private static ObjectNode wait(Frame.Wait wait) {
        ObjectNode out = Json.NODES.objectNode();
        if (wait instanceof Frame.TaskWait t) {
            out.put("kind", "task").put("taskId", t.taskId()).put("taskToken", t.taskToken());
            putTimer(out, "timeoutTimerId", "timeoutDue", t.timeout());
            putTimer(out, "heartbeatTimerId", "heartbeatDue", t.heartbeat());
            out.put("heartbeatSeconds", t.heartbeatSeconds());
        } else if (wait instanceof Frame.TimerWait t) {
            out.put("kind", "timer");
            putTimer(out, "timerId", "due", t.timer());
            out.put("retry", t.retry());
        } else {
            out.put("kind", "children");
        }
        return out;
    }

    private static Frame.Wait wait(JsonNode json) {
        return switch (json.get("kind").asText()) {
            case "task" -> new Frame.TaskWait(json.get("taskId").asText(), json.get("taskToken").asText(),
                    timer(json, "timeoutTimerId", "timeoutDue"), timer(json, "heartbeatTimerId", "heartbeatDue"),
                    json.path("heartbeatSeconds").asLong());
            case "timer" -> new Frame.TimerWait(timer(json, "timerId", "due"), json.path("retry").asBoolean());
            default -> new Frame.ChildrenWait();
        };
    }

    private static void putTimer(ObjectNode out, String idField, String dueField, PendingTimer timer) {
        out.put(idField, timer == null ? null : timer.id());
        if (timer != null) {
            out.put(dueField, timer.due());
        }
    }

    /** A timer, or null; states written before due times were kept have none (0: unknown). */
    private static PendingTimer timer(JsonNode json, String idField, String dueField) {
        String id = text(json, idField);
        return id == null ? null : new PendingTimer(id, json.path(dueField).asLong());
    }

    private static ObjectNode fanout(Frame.Fanout fanout) {
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode inputs = out.putArray("inputs");
        fanout.inputs.forEach(inputs::add);
        ArrayNode results = out.putArray("results");
        for (JsonNode r : fanout.results) {
            // wrapped, because a finished iteration's output may itself be null
            results.add(r == null ? Json.NODES.nullNode() : Json.NODES.objectNode().set("v", r));
        }
        out.put("maxConcurrency", fanout.maxConcurrency).put("nextToStart", fanout.nextToStart)
                .put("finished", fanout.finished).put("failed", fanout.failed)
                .put("toleratedFailureCount", fanout.toleratedFailureCount)
                .put("toleratedFailurePercentage", fanout.toleratedFailurePercentage);
        ArrayNode running = out.putArray("running");
        fanout.running.forEach(child -> running.add(frame(child)));
        children(out, "unsuccessful", fanout.unsuccessful);
        children(out, "redriven", fanout.redriven);
        return out;
    }

    private static void children(ObjectNode out, String field, List<Frame> frames) {
        if (!frames.isEmpty()) {
            ArrayNode array = out.putArray(field);
            frames.forEach(child -> array.add(frame(child)));
        }
    }

    private static Frame.Fanout fanout(JsonNode json, Frame parent) {
        List<JsonNode> inputs = new ArrayList<>();
        json.get("inputs").forEach(inputs::add);
        Frame.Fanout f = new Frame.Fanout(inputs, json.path("maxConcurrency").asInt(),
                json.path("toleratedFailureCount").asLong(), json.path("toleratedFailurePercentage").asDouble());
        JsonNode results = json.get("results");
        for (int k = 0; k < results.size(); k++) {
            f.results[k] = results.get(k).isNull() ? null : results.get(k).get("v");
        }
        f.nextToStart = json.path("nextToStart").asInt();
        f.finished = json.path("finished").asInt();
        f.failed = json.path("failed").asInt();
        children(json.get("running"), parent, f.running);
        children(json.path("unsuccessful"), parent, f.unsuccessful);
        children(json.path("redriven"), parent, f.redriven);
        return f;
    }

    private static void children(JsonNode json, Frame parent, List<Frame> into) {
        State state = parent.state;
        for (JsonNode child : json) {
            int index = child.get("index").asInt();
            StateGraph graph = state instanceof ParallelState p ? p.branches().get(index) : ((MapState) state).processor();
            into.add(frame(child, graph, parent));
        }
    }

    private static ObjectNode error(AslError error) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("error", error.error()).put("cause", error.cause());
        return out;
    }

    private static AslError error(JsonNode json) {
        return new AslError(text(json, "error"), text(json, "cause"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static JsonNode nullable(JsonNode v) {
        return v == null || v.isNull() ? null : v;
    }
}
