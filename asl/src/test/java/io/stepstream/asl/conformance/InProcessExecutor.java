package io.stepstream.asl.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.StateMachines;
import io.stepstream.asl.errors.AslError;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.local.LocalExecution;
import io.stepstream.asl.local.LocalRunner;
import io.stepstream.asl.local.LocalTaskHandler;
import io.stepstream.asl.model.StateMachine;
import io.stepstream.asl.validate.InvalidDefinitionException;
import java.time.Instant;
import java.util.function.Function;

/** Runs a conformance case through the in-process driver on a virtual clock. */
public final class InProcessExecutor implements Function<ConformanceCase, CaseResult> {
    /** Cases bind this Lambda ARN to the identity function (README: task_behaviour echo). */
    public static final String ECHO_FUNCTION = "arn:aws:lambda:us-east-1:111111111111:function:id_function";
    private static final long START = Instant.parse("2024-06-01T12:00:00Z").toEpochMilli();

    @Override
    public CaseResult apply(ConformanceCase c) {
        StateMachine machine;
        try {
            machine = c.definition() != null ? StateMachines.load(c.definition(), c.type())
                    : StateMachines.load(c.definitionText(), c.type());
        } catch (InvalidDefinitionException e) {
            return CaseResult.rejected("ValidateStateMachineDefinition".equals(c.api()) ? e.validationMessage() : e.getMessage());
        } catch (RuntimeException e) {
            return CaseResult.rejected(e.getMessage());
        }
        LocalRunner runner = new LocalRunner()
                .arnScope("us-east-1", "111111111111")
                .handle(ECHO_FUNCTION, task -> LocalTaskHandler.succeeded(task.input()))
                .fallback(task -> LocalTaskHandler.failed("NotInvoked",
                        "the recording never invoked " + task.resource().arn()));
        JsonNode input = c.input() == null ? Json.NODES.objectNode() : c.input();
        LocalExecution execution = runner.start(machine, "conformance", "case-execution", input, START);
        AslError error = execution.error();
        return new CaseResult(execution.status().name(), execution.output(),
                error == null ? null : error.error(), error == null ? null : error.cause(), null);
    }
}
