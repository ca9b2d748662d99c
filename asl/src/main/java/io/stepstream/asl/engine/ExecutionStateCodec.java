package io.stepstream.asl.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import io.stepstream.asl.errors.AslError;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.MapState;
import io.stepstream.asl.model.ParallelState;
import io.stepstream.asl.model.State;
import io.stepstream.asl.model.StateGraph;
import io.stepstream.asl.model.StateMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an {@link ExecutionState} as JSON and reads it back, for state stores and replay. The
 * JSON carries a {@code v} version; a reader keeps accepting every version it ever wrote. Frames
 * are stored without their {@link StateGraph}: it is found again from the machine, since a
 * child's graph is always a branch or the processor of the state its parent is in. The redrive
 * fields (redrive count, time and token; a frame's halted fan-out; a fan-out's unsuccessful and
 * redriven children) were added within version 1 and default to none: a state written before them
 * reads fine, and a redrive of it re-runs a halted Parallel or Map whole.
 *
 * <p>It writes the text field by field, with trees only for the JSON values the execution holds:
 * building a tree of the whole state first took 2.4 times the memory ({@code StateCodecBenchmark}).
 * It reads through a parsed tree: reading token by token was tried, and was no faster.
 */
public final class ExecutionStateCodec {
    /** The version written today. */
    public static final int VERSION = 1;

    private ExecutionStateCodec() {}

    /** The state as compact JSON text. */
    public static String write(ExecutionState state) {
        try {
            return Json.MAPPER.writeValueAsString(new Written(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A state handed to the mapper, which writes it into its recycled buffers through {@link #serialize}. */
    private static final class Written implements JsonSerializable {
        private final ExecutionState state;
        private JsonGenerator out;
        private SerializerProvider serializers;

        Written(ExecutionState state) {
            this.state = state;
        }

        @Override
        public void serialize(JsonGenerator out, SerializerProvider serializers) throws IOException {
            this.out = out;
            this.serializers = serializers;
            state(state);
        }

        @Override
        public void serializeWithType(JsonGenerator out, SerializerProvider serializers, TypeSerializer types)
                throws IOException {
            serialize(out, serializers);
        }

        private void state(ExecutionState state) throws IOException {
            out.writeStartObject();
            out.writeNumberField("v", VERSION);
            ExecutionInfo info = state.info;
            out.writeObjectFieldStart("info");
            out.writeStringField("executionArn", info.executionArn());
            out.writeStringField("name", info.name());
            out.writeStringField("stateMachineArn", info.stateMachineArn());
            out.writeStringField("stateMachineName", info.stateMachineName());
            out.writeStringField("roleArn", info.roleArn());
            out.writeStringField("type", info.type().name());
            out.writeNumberField("startTime", info.startTime());
            value("input", info.input());
            out.writeEndObject();
            out.writeStringField("status", state.status.name());
            value("output", state.output);
            if (state.error != null) {
                out.writeObjectFieldStart("error");
                out.writeStringField("error", state.error.error());
                out.writeStringField("cause", state.error.cause());
                out.writeEndObject();
            }
            out.writeNumberField("stopTime", state.stopTime);
            out.writeNumberField("sequence", state.sequence);
            out.writeNumberField("lastEventId", state.lastEventId);
            timer("executionTimerId", "executionTimerDue", state.executionTimer);
            if (state.redriveCount > 0) {
                out.writeNumberField("redriveCount", state.redriveCount);
                out.writeNumberField("redriveTime", state.redriveTime);
                out.writeStringField("redriveToken", state.redriveToken);
            }
            if (state.root != null) {
                out.writeFieldName("root");
                frame(state.root);
            }
            out.writeEndObject();
        }

        private void frame(Frame f) throws IOException {
            out.writeStartObject();
            out.writeStringField("id", f.id);
            out.writeNumberField("index", f.index);
            out.writeStringField("state", f.stateName);
            value("input", f.input);
            out.writeNumberField("enteredEventId", f.enteredEventId);
            out.writeNumberField("enteredTime", f.enteredTime);
            out.writeNumberField("lastEventId", f.lastEventId);
            if (f.variables != null) {
                out.writeObjectFieldStart("variables");
                for (var variable : f.variables.entrySet()) {
                    value(variable.getKey(), variable.getValue());
                }
                out.writeEndObject();
            }
            out.writeArrayFieldStart("retryAttempts");
            for (int a : f.retryAttempts) {
                out.writeNumber(a);
            }
            out.writeEndArray();
            out.writeNumberField("retryCount", f.retryCount);
            if (f.wait != null) {
                out.writeFieldName("wait");
                wait(f.wait);
            }
            if (f.fanout != null) {
                out.writeFieldName("fanout");
                fanout(f.fanout);
            }
            if (f.halted != null) {
                out.writeFieldName("halted");
                fanout(f.halted);
            }
            out.writeEndObject();
        }

        private void wait(Frame.Wait wait) throws IOException {
            out.writeStartObject();
            if (wait instanceof Frame.TaskWait t) {
                out.writeStringField("kind", "task");
                out.writeStringField("taskId", t.taskId());
                out.writeStringField("taskToken", t.taskToken());
                timer("timeoutTimerId", "timeoutDue", t.timeout());
                timer("heartbeatTimerId", "heartbeatDue", t.heartbeat());
                out.writeNumberField("heartbeatSeconds", t.heartbeatSeconds());
            } else if (wait instanceof Frame.TimerWait t) {
                out.writeStringField("kind", "timer");
                timer("timerId", "due", t.timer());
                out.writeBooleanField("retry", t.retry());
            } else {
                out.writeStringField("kind", "children");
            }
            out.writeEndObject();
        }

        /** A timer's id, null when there is none, and its due time only when there is one. */
        private void timer(String idField, String dueField, PendingTimer timer) throws IOException {
            out.writeStringField(idField, timer == null ? null : timer.id());
            if (timer != null) {
                out.writeNumberField(dueField, timer.due());
            }
        }

        private void fanout(Frame.Fanout fanout) throws IOException {
            out.writeStartObject();
            out.writeArrayFieldStart("inputs");
            for (JsonNode input : fanout.inputs) {
                tree(input);
            }
            out.writeEndArray();
            out.writeArrayFieldStart("results");
            for (JsonNode r : fanout.results) {
                // wrapped, because a finished iteration's output may itself be null
                if (r == null) {
                    out.writeNull();
                } else {
                    out.writeStartObject();
                    value("v", r);
                    out.writeEndObject();
                }
            }
            out.writeEndArray();
            out.writeNumberField("maxConcurrency", fanout.maxConcurrency);
            out.writeNumberField("nextToStart", fanout.nextToStart);
            out.writeNumberField("finished", fanout.finished);
            out.writeNumberField("failed", fanout.failed);
            out.writeNumberField("toleratedFailureCount", fanout.toleratedFailureCount);
            out.writeNumberField("toleratedFailurePercentage", fanout.toleratedFailurePercentage);
            children("running", fanout.running, true);
            children("unsuccessful", fanout.unsuccessful, false);
            children("redriven", fanout.redriven, false);
            out.writeEndObject();
        }

        private void children(String field, List<Frame> frames, boolean always) throws IOException {
            if (always || !frames.isEmpty()) {
                out.writeArrayFieldStart(field);
                for (Frame child : frames) {
                    frame(child);
                }
                out.writeEndArray();
            }
        }

        /** A JSON value the execution holds, written as it is (null as JSON null). */
        private void value(String field, JsonNode value) throws IOException {
            out.writeFieldName(field);
            tree(value);
        }

        private void tree(JsonNode value) throws IOException {
            if (value == null) {
                out.writeNull();
            } else {
                value.serialize(out, serializers);
            }
        }
    }

    /** The state as a JSON tree: {@link #write}'s text, parsed. */
    public static JsonNode encode(ExecutionState state) {
        return Json.parse(write(state));
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

    private static Frame.Wait wait(JsonNode json) {
        return switch (json.get("kind").asText()) {
            case "task" -> new Frame.TaskWait(json.get("taskId").asText(), json.get("taskToken").asText(),
                    timer(json, "timeoutTimerId", "timeoutDue"), timer(json, "heartbeatTimerId", "heartbeatDue"),
                    json.path("heartbeatSeconds").asLong());
            case "timer" -> new Frame.TimerWait(timer(json, "timerId", "due"), json.path("retry").asBoolean());
            default -> new Frame.ChildrenWait();
        };
    }

    /** A timer, or null; states written before due times were kept have none (0: unknown). */
    private static PendingTimer timer(JsonNode json, String idField, String dueField) {
        String id = text(json, idField);
        return id == null ? null : new PendingTimer(id, json.path(dueField).asLong());
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
