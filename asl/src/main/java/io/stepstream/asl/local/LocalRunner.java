package io.stepstream.asl.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.engine.Effect;
import io.stepstream.asl.engine.ExecutionInfo;
import io.stepstream.asl.engine.HistoryEvent;
import io.stepstream.asl.engine.HistoryLevel;
import io.stepstream.asl.engine.Interpreter;
import io.stepstream.asl.model.StateMachine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The in-process driver of the interpreter: starts executions whose tasks run on registered
 * {@link LocalTaskHandler}s and whose timers run on a virtual clock. Used by {@code ./stepstream
 * run} before the Kafka runtime, by tests, and by anyone embedding the library.
 */
public final class LocalRunner {
    private final Interpreter interpreter;
    private final Map<String, LocalTaskHandler> handlers = new LinkedHashMap<>();
    private LocalTaskHandler fallback;
    private Consumer<HistoryEvent> listener = e -> { };
    private String region = "us-east-1";
    private String account = "123456789012";

    public LocalRunner(Interpreter interpreter) {
        this.interpreter = Objects.requireNonNull(interpreter);
    }

    public LocalRunner() {
        this(new Interpreter(HistoryLevel.ALL, 0));
    }

    /** Routes tasks whose Resource starts with {@code resourcePrefix} to {@code handler}. */
    public LocalRunner handle(String resourcePrefix, LocalTaskHandler handler) {
        handlers.put(resourcePrefix, handler);
        return this;
    }

    /** The handler for every resource no prefix matches. */
    public LocalRunner fallback(LocalTaskHandler handler) {
        this.fallback = handler;
        return this;
    }

    /** Receives every history event as it is written. */
    public LocalRunner listener(Consumer<HistoryEvent> listener) {
        this.listener = Objects.requireNonNull(listener);
        return this;
    }

    /** The region and account used in the ARNs of the executions this runner starts. */
    public LocalRunner arnScope(String region, String account) {
        this.region = region;
        this.account = account;
        return this;
    }

    /** Starts an execution and runs it until it ends or waits for a callback. */
    public LocalExecution start(StateMachine machine, String machineName, String executionName, JsonNode input,
                                long startTimeMillis) {
        ExecutionInfo info = ExecutionInfo.of(region, account, machineName, executionName, machine.type(), input,
                startTimeMillis);
        return start(machine, info);
    }

    public LocalExecution start(StateMachine machine, ExecutionInfo info) {
        LocalExecution execution = new LocalExecution(interpreter, machine, this::handlerFor, listener);
        execution.begin(info);
        return execution;
    }

    private LocalTaskHandler handlerFor(Effect.DispatchTask task) {
        String arn = task.resource().arn();
        LocalTaskHandler best = null;
        int bestLength = -1;
        for (Map.Entry<String, LocalTaskHandler> e : handlers.entrySet()) {
            if (arn.startsWith(e.getKey()) && e.getKey().length() > bestLength) {
                best = e.getValue();
                bestLength = e.getKey().length();
            }
        }
        return best != null ? best : fallback;
    }
}
