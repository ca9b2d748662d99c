package io.stepstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.runtime.client.ExecutionOutcome;
import io.stepstream.runtime.engine.Definitions;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.Definition;
import io.stepstream.schemas.avro.ExecutionStateEnvelope;
import io.stepstream.schemas.avro.RedriveExecution;
import io.stepstream.schemas.avro.StartExecution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.state.HostInfo;

/**
 * StartExecution, StartSyncExecution, DescribeExecution, ListExecutions, StopExecution and
 * RedriveExecution. A start is sent to the commands topic and answered once the execution is in
 * the store, so a DescribeExecution that follows finds it (as on AWS).
 */
final class ExecutionOperations {
    private static final Duration VISIBLE = Duration.ofSeconds(10);
    private static final Duration SYNC_LIMIT = Duration.ofMinutes(5);
    /** AWS keeps a redrive's clientToken for 15 minutes. */
    private static final Duration CLIENT_TOKEN_WINDOW = Duration.ofMinutes(15);

    private final Api api;
    private final AliasOperations aliases;

    ExecutionOperations(Api api, AliasOperations aliases) {
        this.api = api;
        this.aliases = aliases;
    }

    void registerWith(Dispatcher d) {
        d.register("StartExecution", c -> start(c.body()))
                .register("StartSyncExecution", c -> startSync(c.body()))
                .register("DescribeExecution", c -> describe(c.body()))
                .register("ListExecutions", this::list)
                .register("StopExecution", c -> stop(c.body()))
                .register("RedriveExecution", c -> redrive(c.body()));
    }

    /** The execution under an ARN, or AWS's ExecutionDoesNotExist. */
    static ExecutionView find(Api api, String arn) {
        ExecutionStateEnvelope envelope = api.view().execution(arn);
        if (envelope == null) {
            throw ApiException.of("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
        }
        return ExecutionView.of(envelope);
    }

    /**
     * What a start names: the machine, the revision to run (null for the latest), the execution, and
     * the version and alias ARNs it goes through (null when unqualified; DescribeExecution reports them).
     */
    private record Target(String machine, Integer revision, MachineType type, String name, String arn, String input,
                          String versionArn, String aliasArn) {}

    private Target target(Body body) {
        String machineArn = body.required("stateMachineArn");
        Arns.Machine machine = api.arns().machine(machineArn);
        String name = body.text("name", UUID.randomUUID().toString());
        if (!StateMachineOperations.NAME.matcher(name).matches()) {
            throw ApiException.of("InvalidName", "Invalid Name: '" + name + "'");
        }
        Definition latest = api.view().definition(Definitions.latestKey(machine.name()));
        Integer number = machine.isVersion() ? Integer.valueOf(machine.qualifier())
                : machine.isAlias() ? Integer.valueOf(aliases.route(machineArn, machine, name)) : null;
        Definition version = number == null ? null
                : api.view().definition(Definitions.publishedKey(machine.name(), number));
        if (latest == null || (number != null && version == null)) {
            throw ApiException.of("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + machineArn + "'");
        }
        Integer revision = version == null ? null : version.getVersion(); // a version runs the revision it snapshots
        String versionArn = number == null ? null : api.arns().version(machine.name(), number);
        String aliasArn = machine.isAlias() ? api.arns().alias(machine.name(), machine.qualifier()) : null;
        String input = body.text("input", "{}");
        try {
            Json.parse(input);
        } catch (RuntimeException e) {
            throw ApiException.of("InvalidExecutionInput", "Invalid State Machine Execution Input: '"
                    + e.getMessage() + "'");
        }
        MachineType type = MachineType.valueOf(latest.getType().name());
        return new Target(machine.name(), revision, type, name, api.arns().execution(machine.name(), name, type), input,
                versionArn, aliasArn);
    }

    private JsonNode start(Body body) {
        Target t = target(body);
        if (t.type() == MachineType.EXPRESS) { // not idempotent on AWS, and not kept once it ended: nothing to wait for
            Instant now = api.clock().instant();
            send(t, now);
            return started(t.arn(), now.toEpochMilli());
        }
        ExecutionStateEnvelope existing = api.view().execution(t.arn()); // forwards to the owner when remote
        if (existing != null) {
            ExecutionView view = ExecutionView.of(existing);
            if (view.isRunning() && view.input().equals(Json.parse(t.input()))) {
                return started(t.arn(), view.startTime()); // AWS: the same start again is idempotent while running
            }
            throw ApiException.of("ExecutionAlreadyExists", "Execution Already Exists: '" + t.arn() + "'");
        }
        Instant now = api.clock().instant();
        send(t, now);
        long deadline = System.nanoTime() + VISIBLE.toNanos();
        while (api.view().execution(t.arn()) == null && System.nanoTime() < deadline) {
            sleep(10);
        }
        return started(t.arn(), now.toEpochMilli());
    }

    private void send(Target t, Instant now) {
        api.engine().client().send(t.arn(), new StartExecution(t.machine(), t.revision(), t.name(), t.input(),
                null, null, t.versionArn(), t.aliasArn()), now);
    }

    private static JsonNode started(String arn, long startTime) {
        return Json.NODES.objectNode().put("executionArn", arn).put("startDate", Api.seconds(startTime));
    }

    private JsonNode startSync(Body body) {
        Target t = target(body);
        if (t.type() != MachineType.EXPRESS) {
            throw ApiException.of("StateMachineTypeNotSupported",
                    "This operation is not supported by this type of state machine");
        }
        Instant now = api.clock().instant();
        send(t, now);
        ExecutionOutcome outcome;
        try {
            outcome = api.engine().client().awaitOutcome(t.arn(), SYNC_LIMIT.plusSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.frontEnd("ServiceUnavailable", "Interrupted", 503);
        }
        if (outcome.isRejected()) {
            throw rejection(outcome.rejection());
        }
        Completion c = outcome.completion();
        ObjectNode out = Json.NODES.objectNode().put("executionArn", t.arn())
                .put("stateMachineArn", api.arns().stateMachine(t.machine())).put("name", t.name())
                .put("startDate", Api.seconds(c.getStartDate().toEpochMilli()))
                .put("stopDate", Api.seconds(c.getStopDate().toEpochMilli())).put("status", c.getStatus().name())
                .put("input", t.input());
        out.putObject("inputDetails").put("included", true);
        if (c.getOutput() != null) {
            out.put("output", c.getOutput());
            out.putObject("outputDetails").put("included", true);
        }
        putIfNotNull(out, "error", c.getError());
        putIfNotNull(out, "cause", c.getCause());
        out.putObject("billingDetails").put("billedMemoryUsedInMB", 64)
                .put("billedDurationInMilliseconds", Math.max(100,
                        c.getStopDate().toEpochMilli() - c.getStartDate().toEpochMilli()));
        return out;
    }

    /** A dead-lettered start's reason starts with AWS's error name ("ExecutionAlreadyExists: ..."). */
    private static ApiException rejection(String reason) {
        int colon = reason.indexOf(':');
        String code = colon > 0 ? reason.substring(0, colon) : "";
        return code.matches("[A-Z][A-Za-z]+") ? ApiException.of(code, reason.substring(colon + 1).trim())
                : ApiException.of("ValidationException", reason);
    }

    /** AWS's DescribeExecution serves Standard executions only: an Express ARN is InvalidArn there. */
    private JsonNode describe(Body body) {
        String arn = body.required("executionArn");
        if (api.arns().execution(arn).type() == MachineType.EXPRESS) {
            throw ApiException.of("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: express'");
        }
        ExecutionView e = find(api, arn);
        ObjectNode out = summary(e);
        out.put("input", Json.write(e.input()));
        out.putObject("inputDetails").put("included", true);
        if (e.output() != null) {
            out.put("output", Json.write(e.output()));
            out.putObject("outputDetails").put("included", true);
        }
        putIfNotNull(out, "error", e.error());
        putIfNotNull(out, "cause", e.cause());
        redriveFields(out, e);
        String refusal = e.redriveRefusal(api.clock().millis());
        out.put("redriveStatus", refusal == null ? "REDRIVABLE" : "NOT_REDRIVABLE");
        putIfNotNull(out, "redriveStatusReason", refusal);
        return out;
    }

    /** redriveCount, and redriveDate once it was redriven (DescribeExecution and ListExecutions). */
    private static ObjectNode redriveFields(ObjectNode out, ExecutionView e) {
        out.put("redriveCount", e.redriveCount());
        if (e.redriveTime() > 0) {
            out.put("redriveDate", Api.seconds(e.redriveTime()));
        }
        return out;
    }

    private ObjectNode summary(ExecutionView e) {
        ObjectNode out = Json.NODES.objectNode().put("executionArn", e.executionArn())
                .put("stateMachineArn", e.stateMachineArn()).put("name", e.name()).put("status", e.status())
                .put("startDate", Api.seconds(e.startTime()));
        if (e.stopTime() > 0) {
            out.put("stopDate", Api.seconds(e.stopTime()));
        }
        putIfNotNull(out, "stateMachineVersionArn", e.versionArn());
        putIfNotNull(out, "stateMachineAliasArn", e.aliasArn());
        return out;
    }

    /**
     * Scans the executions store of every instance (each answers for its own partitions when asked
     * with the local-only header) and pages through the merged list, newest first.
     */
    private JsonNode list(Call call) {
        Body body = call.body();
        String machineArn = body.required("stateMachineArn");
        Arns.Machine machine = api.arns().machine(machineArn);
        String status = body.text("statusFilter");
        String redriven = body.text("redriveFilter");
        List<ExecutionView> found = api.view().localExecutions(envelope -> {
            ExecutionView e = ExecutionView.of(envelope);
            return e.stateMachineName().equals(machine.name()) && (status == null || status.equals(e.status()))
                    && (redriven == null || redriven.equals(e.redriveCount() > 0 ? "REDRIVEN" : "NOT_REDRIVEN"))
                    && startedThrough(e, machineArn, machine) ? e : null;
        });
        List<ObjectNode> items = new ArrayList<>();
        found.forEach(e -> items.add(redriveFields(summary(e), e)));
        if (call.localOnly()) {
            ObjectNode out = Json.NODES.objectNode();
            out.putArray("executions").addAll(items);
            return out;
        }
        if (found.isEmpty() && machine.qualifier() == null
                && api.view().definition(Definitions.latestKey(machine.name())) == null) {
            throw ApiException.of("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + machineArn + "'");
        }
        for (HostInfo peer : api.view().peers()) {
            call.askPeer().apply(peer).path("executions").forEach(n -> items.add((ObjectNode) n));
        }
        items.sort(Comparator.comparing(ExecutionOperations::sortKey));
        Page<ObjectNode> page = Page.of(items, ExecutionOperations::sortKey, body);
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode executions = out.putArray("executions");
        page.items().forEach(executions::add);
        page.writeToken(out);
        return out;
    }

    /** A version or alias ARN lists the executions started through it; the unqualified ARN lists all. */
    private static boolean startedThrough(ExecutionView e, String machineArn, Arns.Machine machine) {
        return machine.qualifier() == null || machineArn.equals(machine.isAlias() ? e.aliasArn() : e.versionArn());
    }

    /** Newest first, then by ARN: the inverted start time, zero-padded, so text order is list order. */
    private static String sortKey(ObjectNode item) {
        long millis = Math.round(item.path("startDate").asDouble() * 1000);
        return String.format("%019d", Long.MAX_VALUE - millis) + item.path("executionArn").asText();
    }

    private JsonNode stop(Body body) {
        String arn = body.required("executionArn");
        api.arns().execution(arn);
        find(api, arn);
        Instant now = api.clock().instant();
        api.engine().client().send(arn, new io.stepstream.schemas.avro.StopExecution(body.text("error"),
                body.text("cause")), now);
        return Json.NODES.objectNode().put("stopDate", Api.seconds(now.toEpochMilli()));
    }

    /**
     * Checks what the interpreter will check (so a refusal is answered, not dead-lettered), sends
     * the redrive and answers once the store shows it, so a DescribeExecution that follows sees the
     * execution RUNNING. The same clientToken as the last redrive, within 15 minutes, answers that
     * redrive again (AWS's idempotency).
     */
    private JsonNode redrive(Body body) {
        String arn = body.required("executionArn");
        api.arns().execution(arn);
        ExecutionView e = find(api, arn);
        String token = body.text("clientToken");
        Instant now = api.clock().instant();
        if (token != null && token.equals(e.redriveToken())
                && now.toEpochMilli() - e.redriveTime() <= CLIENT_TOKEN_WINDOW.toMillis()) {
            return Json.NODES.objectNode().put("redriveDate", Api.seconds(e.redriveTime()));
        }
        String refusal = e.redriveRefusal(now.toEpochMilli());
        if (refusal != null) {
            throw ApiException.of("ExecutionNotRedrivable", "Execution is not redrivable: '" + arn + "' ("
                    + refusal + ")");
        }
        api.engine().client().send(arn, new RedriveExecution(token), now);
        long deadline = System.nanoTime() + VISIBLE.toNanos();
        while (find(api, arn).redriveCount() == e.redriveCount() && System.nanoTime() < deadline) {
            sleep(10);
        }
        return Json.NODES.objectNode().put("redriveDate", Api.seconds(now.toEpochMilli()));
    }

    private static void putIfNotNull(ObjectNode out, String field, String value) {
        if (value != null) {
            out.put(field, value);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
