package io.stepstream.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.errors.AslError;
import io.stepstream.asl.errors.ErrorNames;
import io.stepstream.asl.eval.Environment;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.Limits;
import io.stepstream.asl.model.Resource;
import io.stepstream.asl.model.TaskState;
import java.util.Map;

/**
 * Task: dispatches the effective input to the Resource and waits; on the result, the output phase
 * runs. The history events follow the resource kind (LambdaFunction*, Activity* or Task*).
 */
final class TaskHandler implements StateHandler<TaskState> {
    @Override
    public Outcome run(Frame frame, TaskState state, Run run) {
        if (frame.resumption instanceof Frame.TaskResult result) {
            frame.resumption = null;
            return succeeded(frame, state, run, result.output());
        }
        if (frame.resumption instanceof Frame.TaskError error) {
            frame.resumption = null;
            return new Outcome.Failed(error.error());
        }
        return dispatch(frame, state, run);
    }

    private Outcome dispatch(Frame frame, TaskState state, Run run) {
        String taskId = run.newId("task");
        String token = TaskTokens.encode(run.state.info.executionArn(), taskId, run.entropy.nextLong());
        ObjectNode extra = null;
        if (state.resource().pattern() == Resource.Pattern.WAIT_FOR_TASK_TOKEN) {
            extra = Json.NODES.objectNode();
            extra.putObject("Task").put("Token", token);
        }
        Environment env = run.env(frame, extra);
        JsonNode effective = state.dataflow().input(frame.input, env);
        Long timeout = state.timeoutSeconds() == null ? null : state.timeoutSeconds().evaluate(frame.input, env);
        Long heartbeat = state.heartbeatSeconds() == null ? null : state.heartbeatSeconds().evaluate(frame.input, env);
        JsonNode credentials = state.credentials() == null ? null : state.credentials().evaluate(effective, env);
        scheduledEvents(frame, state, run, effective, timeout, heartbeat);
        PendingTimer timeoutTimer = null;
        PendingTimer heartbeatTimer = null;
        if (timeout != null) {
            timeoutTimer = new PendingTimer(run.newId("task-timeout"), run.now + timeout * 1000);
            run.effects.add(timeoutTimer.schedule());
        }
        if (heartbeat != null) {
            heartbeatTimer = new PendingTimer(run.newId("heartbeat"), run.now + heartbeat * 1000);
            run.effects.add(heartbeatTimer.schedule());
        }
        frame.wait = new Frame.TaskWait(taskId, token, timeoutTimer, heartbeatTimer, heartbeat == null ? 0 : heartbeat);
        String idempotencyKey = run.state.info.executionArn() + "/" + state.name() + "/" + taskId;
        run.effects.add(new Effect.DispatchTask(taskId, token, idempotencyKey, state.name(), state.resource(),
                effective, credentials, timeout, heartbeat, frame.retryCount));
        return Outcome.Suspended.INSTANCE;
    }

    private static void scheduledEvents(Frame frame, TaskState state, Run run, JsonNode input, Long timeout,
                                        Long heartbeat) {
        Resource resource = state.resource();
        switch (resource.kind()) {
            case LAMBDA_FUNCTION -> {
                ObjectNode d = Run.details().put("resource", resource.arn());
                Run.payload(d, "input", input);
                if (timeout != null) {
                    d.put("timeoutInSeconds", timeout);
                }
                run.emit(frame, HistoryEventType.LambdaFunctionScheduled, d);
                run.emit(frame, HistoryEventType.LambdaFunctionStarted, null);
            }
            case ACTIVITY -> {
                ObjectNode d = Run.details().put("resource", resource.arn());
                Run.payload(d, "input", input);
                if (timeout != null) {
                    d.put("timeoutInSeconds", timeout);
                }
                if (heartbeat != null) {
                    d.put("heartbeatInSeconds", heartbeat);
                }
                run.emit(frame, HistoryEventType.ActivityScheduled, d);
                run.emit(frame, HistoryEventType.ActivityStarted, null);
            }
            case SERVICE -> {
                ObjectNode d = Run.details().put("resourceType", resource.resourceType())
                        .put("resource", resource.resourceName()).put("region", region(run));
                d.put("parameters", Json.write(input));
                if (timeout != null) {
                    d.put("timeoutInSeconds", timeout);
                }
                if (heartbeat != null) {
                    d.put("heartbeatInSeconds", heartbeat);
                }
                run.emit(frame, HistoryEventType.TaskScheduled, d);
                run.emit(frame, HistoryEventType.TaskStarted, Run.details()
                        .put("resourceType", resource.resourceType()).put("resource", resource.resourceName()));
            }
        }
    }

    private static String region(Run run) {
        String[] parts = run.state.info.executionArn().split(":");
        return parts.length > 3 ? parts[3] : "";
    }

    private Outcome succeeded(Frame frame, TaskState state, Run run, JsonNode result) {
        Environment env = run.env(frame, null);
        Map<String, JsonNode> assigned = run.evaluate(frame, state.assign(), frame.input, result, env);
        JsonNode output = state.dataflow().output(frame.input, result, env);
        run.assign(frame, assigned);
        return new Outcome.Next(state.next(), output);
    }

    /** Records a task's result and resumes its frame; an oversize result fails the task instead. */
    static void onResult(Run run, Frame frame, TaskState state, JsonNode output) {
        if (Json.byteSize(output) > Limits.PAYLOAD_BYTES) {
            onError(run, frame, state, dataLimitExceeded(state.name()), false);
            return;
        }
        Resource resource = state.resource();
        HistoryEventType type = switch (resource.kind()) {
            case LAMBDA_FUNCTION -> HistoryEventType.LambdaFunctionSucceeded;
            case ACTIVITY -> HistoryEventType.ActivitySucceeded;
            case SERVICE -> HistoryEventType.TaskSucceeded;
        };
        ObjectNode d = null;
        if (run.keeps(type)) {
            d = Run.details();
            if (resource.kind() == Resource.Kind.SERVICE) {
                d.put("resourceType", resource.resourceType()).put("resource", resource.resourceName());
            }
            Run.payload(d, "output", output);
        }
        run.emit(frame, type, d);
        cancelTimers(run, frame);
        frame.wait = null;
        frame.resumption = new Frame.TaskResult(output);
        run.schedule(frame);
    }

    /** Records a task's failure or time-out and resumes its frame, where Retry and Catch apply. */
    static void onError(Run run, Frame frame, TaskState state, AslError error, boolean timedOut) {
        Resource resource = state.resource();
        HistoryEventType type = switch (resource.kind()) {
            case LAMBDA_FUNCTION -> timedOut ? HistoryEventType.LambdaFunctionTimedOut : HistoryEventType.LambdaFunctionFailed;
            case ACTIVITY -> timedOut ? HistoryEventType.ActivityTimedOut : HistoryEventType.ActivityFailed;
            case SERVICE -> timedOut ? HistoryEventType.TaskTimedOut : HistoryEventType.TaskFailed;
        };
        ObjectNode d = Run.errorDetails(error);
        if (resource.kind() == Resource.Kind.SERVICE) {
            d.put("resourceType", resource.resourceType()).put("resource", resource.resourceName());
        }
        run.emit(frame, type, d);
        cancelTimers(run, frame);
        if (timedOut && frame.wait instanceof Frame.TaskWait t) {
            run.effects.add(new Effect.CancelTask(t.taskId(), t.taskToken(), resource));
        }
        frame.wait = null;
        frame.resumption = new Frame.TaskError(error, timedOut);
        run.schedule(frame);
    }

    static AslError dataLimitExceeded(String stateName) {
        return new AslError(ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task '" + stateName
                + "' returned a result with a size exceeding the maximum number of bytes service limit.");
    }

    private static void cancelTimers(Run run, Frame frame) {
        if (frame.wait instanceof Frame.TaskWait t) {
            t.timers().forEach(timer -> run.effects.add(timer.cancel()));
        }
    }
}
