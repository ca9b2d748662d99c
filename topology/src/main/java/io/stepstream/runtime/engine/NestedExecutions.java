package io.stepstream.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.engine.Effect;
import io.stepstream.asl.engine.Event;
import io.stepstream.asl.engine.ExecutionInfo;
import io.stepstream.asl.engine.ExecutionState;
import io.stepstream.asl.errors.ErrorNames;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.model.Resource;
import io.stepstream.schemas.avro.ChildExecutionFinished;
import io.stepstream.schemas.avro.Command;
import io.stepstream.schemas.avro.Definition;
import io.stepstream.schemas.avro.ExecutionStatus;
import io.stepstream.schemas.avro.ParentExecution;
import io.stepstream.schemas.avro.SendTaskFailure;
import io.stepstream.schemas.avro.SendTaskSuccess;
import io.stepstream.schemas.avro.StartExecution;
import io.stepstream.schemas.avro.StopExecution;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Nested executions, AWS's {@code arn:aws:states:::states:startExecution} integration, carried out
 * by the engine itself instead of a worker: the parent's Task becomes a StartExecution command for
 * the child (keyed by the child's ARN, so it lands on the child's partition), and a child started
 * by a {@code .sync} / {@code .sync:2} Task reports its end back with ChildExecutionFinished, which
 * the parent turns into the task's result in AWS's shapes. Everything travels as commands on the
 * commands topic, inside the engine's transaction, so nothing is lost or doubled between the two.
 *
 * <p>A {@code .sync} parent remembers each waiting child in the {@code children} store
 * ({@code parentArn\0taskId} to a {@link ChildLink}): what the DescribeExecution-shaped result needs
 * besides the child's end, and which child to stop when the task is aborted or times out (AWS's
 * best-effort cancel of a Run-a-Job task stops the nested execution).
 */
final class NestedExecutions {
    /** What AWS tells a child whose managing Task state was aborted (observed text). */
    static final String ABORTED_CAUSE = "The Task state in AWS Step Functions execution [%s] which was managing"
            + " this resource was aborted";
    private static final String START_EXECUTION = "states:startExecution";
    private static final Pattern MACHINE_ARN =
            Pattern.compile("arn:[^:]+:states:[^:]*:[^:]*:stateMachine:([^:]+)(?::([^:]+))?");
    private static final Pattern INVALID_NAME = Pattern.compile("[\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]");

    private final ExecutionTopology.Wiring wiring;
    private final ProcessorContext<Object, Object> context;
    private final KeyValueStore<String, Definition> definitions;
    private final KeyValueStore<String, String> children;

    NestedExecutions(ExecutionTopology.Wiring wiring, ProcessorContext<Object, Object> context,
                     KeyValueStore<String, Definition> definitions, KeyValueStore<String, String> children) {
        this.wiring = wiring;
        this.context = context;
        this.definitions = definitions;
        this.children = children;
    }

    /** Whether a Task's resource is the Step Functions StartExecution integration, in any pattern. */
    static boolean isStartExecution(Resource resource) {
        return START_EXECUTION.equals(resource.integration());
    }

    /**
     * Starts the child the Task asks for. Request-response answers the parent at once with
     * {@code {ExecutionArn, StartDate}} (as a SendTaskSuccess to itself, applied like any result);
     * {@code .sync} waits for the child's end; {@code .waitForTaskToken} waits for whoever holds the
     * token (the child gets it in its input through {@code $$.Task.Token}).
     */
    void dispatch(String parentArn, Effect.DispatchTask task, long time, long recordTime) {
        Resource.Pattern pattern = task.resource().pattern();
        ChildStart start;
        try {
            start = childStart(task, time);
        } catch (Refusal refusal) {
            send(parentArn, new SendTaskFailure(task.taskToken(), refusal.error, refusal.cause), time, recordTime);
            return;
        }
        boolean sync = pattern == Resource.Pattern.SYNC || pattern == Resource.Pattern.SYNC_V2;
        send(start.link.childArn(), new StartExecution(start.machineName, start.version, start.link.name(),
                start.link.input(), null, new ParentExecution(parentArn, sync ? task.taskToken() : null), start.link.versionArn(), null), time,
                recordTime);
        if (sync) {
            children.put(linkKey(parentArn, task.taskId()), start.link.toJson(pattern));
        } else if (pattern == Resource.Pattern.REQUEST_RESPONSE) {
            ObjectNode response = Json.NODES.objectNode().put("ExecutionArn", start.link.childArn())
                    .put("StartDate", time);
            send(parentArn, new SendTaskSuccess(task.taskToken(), Json.write(response)), time, recordTime);
        }
    }

    /** The parent's event for a child's end: the task's result, or {@code States.TaskFailed} with the child's description. */
    Event finished(String parentArn, String taskId, ChildExecutionFinished end, long stopDate) {
        String key = linkKey(parentArn, taskId);
        String json = children.get(key);
        if (json == null) {
            // The task no longer waits (aborted, timed out, or answered by SendTask*): the interpreter
            // rejects this result as stale; only the ARN is known.
            return new Event.TaskFailed(taskId, ErrorNames.TASK_FAILED, null, stopDate);
        }
        children.delete(key);
        ChildLink link = ChildLink.fromJson(json);
        JsonNode description = link.describe(end, stopDate);
        if (end.getStatus() == ExecutionStatus.SUCCEEDED) {
            return new Event.TaskSucceeded(taskId, description, stopDate);
        }
        return new Event.TaskFailed(taskId, ErrorNames.TASK_FAILED, Json.write(description), stopDate);
    }

    /**
     * A task was answered some other way (SendTaskSuccess/Failure also work on {@code .sync} tasks):
     * forget its child. Only a StartExecution task has one; for any other task this touches no store
     * (a delete of an absent key still reads the store and writes a tombstone to it and its changelog).
     */
    void answered(String parentArn, String taskId, ExecutionState.AwaitedTask task) {
        if (task != null && isStartExecution(task.state().resource())) {
            children.delete(linkKey(parentArn, taskId));
        }
    }

    /** The parent no longer wants a task (aborted or timed out): stop its child, as AWS's best-effort cancel does. */
    void cancel(String parentArn, String taskId, long time, long recordTime) {
        String key = linkKey(parentArn, taskId);
        String json = children.get(key);
        if (json == null) {
            return;
        }
        children.delete(key);
        send(ChildLink.fromJson(json).childArn(), new StopExecution(null, String.format(ABORTED_CAUSE, parentArn)),
                time, recordTime);
    }

    /** A child that a {@code .sync} Task waits on ended: tell the parent. */
    void completed(String parentArn, String parentToken, ExecutionState state, Effect.Complete complete,
                   long recordTime) {
        if (parentArn == null || parentToken == null) {
            return;
        }
        ChildExecutionFinished end = new ChildExecutionFinished(state.info().executionArn(), parentToken,
                ExecutionStatus.valueOf(complete.status().name()),
                complete.output() == null ? null : Json.write(complete.output()),
                complete.error() == null ? null : complete.error().error(),
                complete.error() == null ? null : complete.error().cause());
        send(parentArn, end, state.stopTime(), recordTime);
    }

    /**
     * A child's StartExecution could not be applied: a parent waiting on it gets the task failure
     * AWS's integration reports, {@code StepFunctions.<code>Exception}.
     */
    void refused(StartExecution start, String reason, long time, long recordTime) {
        ParentExecution parent = start.getParent();
        if (parent == null || parent.getTaskToken() == null) {
            return;
        }
        int colon = reason.indexOf(": ");
        String code = colon > 0 ? reason.substring(0, colon) : "";
        boolean named = code.matches("[A-Z][A-Za-z]+");
        send(parent.getExecutionId(), new SendTaskFailure(parent.getTaskToken(),
                named ? "StepFunctions." + code + "Exception" : ErrorNames.TASK_FAILED,
                named ? reason.substring(colon + 2) : reason), time, recordTime);
    }

    private void send(String executionArn, Object payload, long time, long recordTime) {
        Command command = new Command(executionArn, null, Instant.ofEpochMilli(time), payload);
        context.forward(new Record<>(executionArn, command, recordTime), ExecutionTopology.COMMANDS_SINK);
    }

    static String linkKey(String parentArn, String taskId) {
        return parentArn + '\0' + taskId;
    }

    /** The child a Task's Parameters/Arguments name, resolved against the published definitions. */
    private record ChildStart(String machineName, Integer version, ChildLink link) {}

    private ChildStart childStart(Effect.DispatchTask task, long time) {
        JsonNode args = task.input();
        JsonNode arnNode = args == null ? null : args.get("StateMachineArn");
        if (arnNode == null || !arnNode.isTextual()) {
            throw new Refusal("StepFunctions.InvalidArnException", "Invalid Arn: 'StateMachineArn' is required");
        }
        String arn = arnNode.asText();
        Matcher m = MACHINE_ARN.matcher(arn);
        if (!m.matches()) {
            throw new Refusal("StepFunctions.InvalidArnException", "Invalid Arn: '" + arn + "'");
        }
        String machineName = m.group(1);
        String qualifier = m.group(2);
        Integer version = null;
        if (qualifier != null) {
            if (!qualifier.matches("[1-9][0-9]{0,8}")) {
                // Aliases are not published to the definitions topic yet: only name and name:version resolve.
                throw doesNotExist(arn);
            }
            version = Integer.valueOf(qualifier);
        }
        Definition definition = definitions.get(version == null
                ? Definitions.latestKey(machineName) : Definitions.publishedKey(machineName, version));
        if (definition == null) {
            throw doesNotExist(arn);
        }
        String input = input(args.get("Input"));
        String name = name(args.get("Name"), task.idempotencyKey());
        MachineType type = MachineType.valueOf(definition.getType().name());
        ExecutionInfo info = ExecutionInfo.of(wiring.config().region(), wiring.config().account(), machineName, name,
                type, Json.NODES.objectNode(), time);
        String versionArn = version == null ? null : info.stateMachineArn() + ":" + version;
        // A version ARN names a published version; the child runs the revision it snapshots.
        return new ChildStart(machineName, version == null ? null : definition.getVersion(), new ChildLink(info.executionArn(), info.stateMachineArn(),
                versionArn, name, input, time, type, null));
    }

    private static Refusal doesNotExist(String arn) {
        return new Refusal("StepFunctions.StateMachineDoesNotExistException",
                "State Machine Does Not Exist: '" + arn + "'");
    }

    /** AWS takes {@code Input} as an object, or as a string holding JSON; absent or null is {@code {}}. */
    private static String input(JsonNode input) {
        if (input == null || input.isNull()) {
            return "{}";
        }
        if (input.isTextual()) {
            try {
                return Json.write(Json.parse(input.asText()));
            } catch (RuntimeException e) {
                throw new Refusal("StepFunctions.InvalidExecutionInputException",
                        "Invalid State Machine Execution Input: '" + input.asText() + "'");
            }
        }
        return Json.write(input);
    }

    /**
     * The given Name, or one derived from the parent task's idempotency key, which is the same
     * every time the same dispatch is processed again: a replay never starts a second child.
     */
    private static String name(JsonNode name, String idempotencyKey) {
        if (name == null || name.isNull()) {
            return UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8)).toString();
        }
        String text = name.isTextual() ? name.asText() : "";
        if (text.isEmpty() || text.length() > 80 || INVALID_NAME.matcher(text).find()) {
            throw new Refusal("StepFunctions.InvalidNameException", "Invalid Name: '" + Json.write(name) + "'");
        }
        return text;
    }

    /** A start the parent can refuse by itself, before any child exists. */
    private static final class Refusal extends RuntimeException {
        final String error;
        final String cause;

        Refusal(String error, String cause) {
            super(error + ": " + cause, null, false, false);
            this.error = error;
            this.cause = cause;
        }
    }
}
