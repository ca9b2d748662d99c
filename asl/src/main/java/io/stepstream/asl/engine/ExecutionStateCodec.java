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
 * <p>Version 2 leaves out what the rest of the state already says: the name, machine ARN and role
 * ARN when {@link ExecutionInfo#of} makes them from the execution ARN, a task token made from the
 * execution ARN, task id and nonce (the nonce alone is kept), and fields at their defaults (no
 * output, no retries, no timer). The state of an Express execution waiting on a task shrank from
 * 902 to 494 characters, for the changelog, RocksDB and the record cache; writing and reading it
 * cost about what they did ({@code StateCodecBenchmark}): the time goes by fields, not characters.
 *
 * <p>It writes the text field by field, with trees only for the JSON values the execution holds:
 * building a tree of the whole state first took 2.4 times the memory ({@code StateCodecBenchmark}).
 * It reads through a parsed tree: reading token by token was tried, and was no faster.
 */
public final class ExecutionStateCodec {
    /** The version written today. */
    public static final int VERSION = 2;
    // the parts of the ARNs ExecutionInfo.of makes, which derivable() finds in place
    private static final String ARN_PREFIX = "arn:aws:states:";
    private static final String MACHINE = ":stateMachine:";
    private static final String ROLE_PREFIX = "arn:aws:iam::";
    private static final String ROLE = ":role/";
    private static final String ROLE_SUFFIX = "-role";

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
            if (!derivable(info)) {
                out.writeStringField("name", info.name());
                out.writeStringField("stateMachineArn", info.stateMachineArn());
                out.writeStringField("roleArn", info.roleArn());
            }
            out.writeStringField("stateMachineName", info.stateMachineName());
            out.writeStringField("type", info.type().name());
            out.writeNumberField("startTime", info.startTime());
            value("input", info.input());
            out.writeEndObject();
            out.writeStringField("status", state.status.name());
            if (state.output != null) {
                value("output", state.output);
            }
            if (state.error != null) {
                out.writeObjectFieldStart("error");
                out.writeStringField("error", state.error.error());
                out.writeStringField("cause", state.error.cause());
                out.writeEndObject();
            }
            if (state.stopTime != 0) {
                out.writeNumberField("stopTime", state.stopTime);
            }
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
            if (f.parent != null) { // the root's are always "" and -1
                out.writeStringField("id", f.id);
                out.writeNumberField("index", f.index);
            }
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
            if (f.retryAttempts.length > 0) {
                out.writeArrayFieldStart("retryAttempts");
                for (int a : f.retryAttempts) {
                    out.writeNumber(a);
                }
                out.writeEndArray();
            }
            if (f.retryCount != 0) {
                out.writeNumberField("retryCount", f.retryCount);
            }
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
                String nonce = TaskTokens.nonce(t.taskToken(), state.info.executionArn(), t.taskId());
                if (nonce != null) {
                    out.writeStringField("nonce", nonce);
                } else {
                    out.writeStringField("taskToken", t.taskToken());
                }
                timer("timeoutTimerId", "timeoutDue", t.timeout());
                timer("heartbeatTimerId", "heartbeatDue", t.heartbeat());
                if (t.heartbeatSeconds() != 0) {
                    out.writeNumberField("heartbeatSeconds", t.heartbeatSeconds());
                }
            } else if (wait instanceof Frame.TimerWait t) {
                out.writeStringField("kind", "timer");
                timer("timerId", "due", t.timer());
                out.writeBooleanField("retry", t.retry());
            } else {
                out.writeStringField("kind", "children");
            }
            out.writeEndObject();
        }

        /** A timer's id and due time; nothing when there is none. */
        private void timer(String idField, String dueField, PendingTimer timer) throws IOException {
            if (timer != null) {
                out.writeStringField(idField, timer.id());
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

    /**
     * An execution's fields outside its frames, which can be read without its machine: what
     * DescribeExecution, an idempotent start and a retention timer ask of a stored execution.
     *
     * @param output null unless it succeeded
     * @param error null unless it failed, timed out or was aborted
     * @param stopTime epoch millis, 0 while it runs
     * @param redriveToken the client token of its last redrive, or null
     */
    public record Summary(ExecutionInfo info, ExecutionStatus status, JsonNode output, AslError error, long stopTime,
                          long lastEventId, int redriveCount, long redriveTime, String redriveToken) {}

    /** Reads a state of any version this codec wrote; version 1 has every field version 2 may leave out. */
    public static ExecutionState decode(JsonNode json, StateMachine machine) {
        Summary summary = summary(json);
        ExecutionState state = new ExecutionState(summary.info());
        state.status = summary.status();
        state.output = summary.output();
        state.error = summary.error();
        state.stopTime = summary.stopTime();
        state.lastEventId = summary.lastEventId();
        state.redriveCount = summary.redriveCount();
        state.redriveTime = summary.redriveTime();
        state.redriveToken = summary.redriveToken();
        state.sequence = json.path("sequence").asLong();
        state.executionTimer = timer(json, "executionTimerId", "executionTimerDue");
        if (json.has("root")) {
            state.root = frame(json.get("root"), machine.graph(), null, summary.info().executionArn());
        }
        return state;
    }

    /** The fields of a state of any version outside its frames, without reading the frames. */
    public static Summary summary(JsonNode json) {
        return new Summary(info(json), ExecutionStatus.valueOf(json.get("status").asText()), nullable(json.get("output")),
                json.has("error") ? error(json.get("error")) : null, json.path("stopTime").asLong(),
                json.path("lastEventId").asLong(), json.path("redriveCount").asInt(), json.path("redriveTime").asLong(),
                text(json, "redriveToken"));
    }

    /** The execution's type from a state of any version, without reading the rest: the machine to decode it with. */
    public static MachineType type(JsonNode json) {
        return MachineType.valueOf(known(json).get("info").get("type").asText());
    }

    private static ExecutionInfo info(JsonNode json) {
        JsonNode i = known(json).get("info");
        String executionArn = i.get("executionArn").asText();
        String machineName = i.get("stateMachineName").asText();
        MachineType type = MachineType.valueOf(i.get("type").asText());
        if (!i.has("name")) {
            return derived(executionArn, machineName, type, i.get("input"), i.get("startTime").asLong());
        }
        return new ExecutionInfo(executionArn, i.get("name").asText(), i.get("stateMachineArn").asText(), machineName,
                text(i, "roleArn"), type, i.get("input"), i.get("startTime").asLong());
    }

    /** The state, when this codec reads its version. */
    private static JsonNode known(JsonNode json) {
        int version = json.path("v").asInt();
        if (version != 1 && version != VERSION) {
            throw new IllegalArgumentException("Unknown execution state version " + version);
        }
        return json;
    }

    /** Whether a Task state of the execution waits on that token, at any depth of Parallel and Map. */
    public static boolean awaits(JsonNode json, String taskToken) {
        // the ARN alone: a token is made from it, and the rest of the info would be derived for nothing
        return awaits(json.get("root"), taskToken, known(json).get("info").get("executionArn").asText());
    }

    private static boolean awaits(JsonNode frame, String token, String executionArn) {
        if (frame == null || frame.isNull()) {
            return false;
        }
        JsonNode wait = frame.path("wait");
        if ("task".equals(wait.path("kind").asText()) && token.equals(taskToken(wait, executionArn))) {
            return true;
        }
        for (JsonNode child : frame.path("fanout").path("running")) {
            if (awaits(child, token, executionArn)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the name, machine ARN and role ARN are what {@link ExecutionInfo#of} makes of the
     * execution ARN, {@code arn:aws:states:REGION:ACCOUNT:execution|express:MACHINE:NAME}, so that
     * the state may leave them out. It compares in place, for it runs at every write.
     */
    private static boolean derivable(ExecutionInfo info) {
        String arn = info.executionArn();
        String machine = info.stateMachineName();
        String name = info.name();
        String kind = info.type() == MachineType.EXPRESS ? ":express:" : ":execution:";
        int scope = arn.length() - kind.length() - machine.length() - 1 - name.length(); // where the kind starts
        if (scope <= ARN_PREFIX.length() || !arn.startsWith(ARN_PREFIX) || !arn.startsWith(kind, scope)
                || !arn.startsWith(machine, scope + kind.length())
                || arn.charAt(scope + kind.length() + machine.length()) != ':' || !arn.endsWith(name)) {
            return false;
        }
        int account = arn.indexOf(':', ARN_PREFIX.length()) + 1;
        if (account <= 0 || account > scope || arn.indexOf(':', account) != scope) {
            return false;
        }
        String machineArn = info.stateMachineArn();
        String role = info.roleArn();
        int accountLength = scope - account;
        return machineArn.length() == scope + MACHINE.length() + machine.length()
                && machineArn.regionMatches(0, arn, 0, scope) && machineArn.startsWith(MACHINE, scope)
                && machineArn.endsWith(machine)
                && role != null && role.length() == ROLE_PREFIX.length() + accountLength + ROLE.length()
                        + machine.length() + ROLE_SUFFIX.length()
                && role.startsWith(ROLE_PREFIX) && role.regionMatches(ROLE_PREFIX.length(), arn, account, accountLength)
                && role.startsWith(ROLE, ROLE_PREFIX.length() + accountLength)
                && role.startsWith(machine, ROLE_PREFIX.length() + accountLength + ROLE.length())
                && role.endsWith(ROLE_SUFFIX);
    }

    /** {@link ExecutionInfo#of} for the region, account and name in an execution ARN a state left them out of. */
    private static ExecutionInfo derived(String executionArn, String machineName, MachineType type, JsonNode input,
                                        long startTime) {
        int account = executionArn.indexOf(':', ARN_PREFIX.length()) + 1;
        int kind = executionArn.indexOf(':', account);
        return ExecutionInfo.of(executionArn.substring(ARN_PREFIX.length(), account - 1),
                executionArn.substring(account, kind), machineName,
                executionArn.substring(executionArn.lastIndexOf(':') + 1), type, input, startTime);
    }

    private static Frame frame(JsonNode json, StateGraph graph, Frame parent, String executionArn) {
        Frame f = new Frame(json.path("id").asText(), graph, parent, json.path("index").asInt(-1));
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
        f.wait = json.has("wait") ? wait(json.get("wait"), executionArn) : null;
        if (json.has("fanout")) {
            f.fanout = fanout(json.get("fanout"), f, executionArn);
        }
        if (json.has("halted")) {
            f.halted = fanout(json.get("halted"), f, executionArn);
        }
        return f;
    }

    private static Frame.Wait wait(JsonNode json, String executionArn) {
        return switch (json.get("kind").asText()) {
            case "task" -> new Frame.TaskWait(json.get("taskId").asText(), taskToken(json, executionArn),
                    timer(json, "timeoutTimerId", "timeoutDue"), timer(json, "heartbeatTimerId", "heartbeatDue"),
                    json.path("heartbeatSeconds").asLong());
            case "timer" -> new Frame.TimerWait(timer(json, "timerId", "due"), json.path("retry").asBoolean());
            default -> new Frame.ChildrenWait();
        };
    }

    /** A task wait's token, written whole or as the nonce it was made with. */
    private static String taskToken(JsonNode wait, String executionArn) {
        JsonNode nonce = wait.get("nonce");
        return nonce == null ? wait.get("taskToken").asText()
                : TaskTokens.encode(executionArn, wait.get("taskId").asText(), nonce.asText());
    }

    /** A timer, or null; states written before due times were kept have none (0: unknown). */
    private static PendingTimer timer(JsonNode json, String idField, String dueField) {
        String id = text(json, idField);
        return id == null ? null : new PendingTimer(id, json.path(dueField).asLong());
    }

    private static Frame.Fanout fanout(JsonNode json, Frame parent, String executionArn) {
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
        children(json.get("running"), parent, f.running, executionArn);
        children(json.path("unsuccessful"), parent, f.unsuccessful, executionArn);
        children(json.path("redriven"), parent, f.redriven, executionArn);
        return f;
    }

    private static void children(JsonNode json, Frame parent, List<Frame> into, String executionArn) {
        State state = parent.state;
        for (JsonNode child : json) {
            int index = child.get("index").asInt();
            StateGraph graph = state instanceof ParallelState p ? p.branches().get(index) : ((MapState) state).processor();
            into.add(frame(child, graph, parent, executionArn));
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
