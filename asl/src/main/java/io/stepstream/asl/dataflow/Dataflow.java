package io.stepstream.asl.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Environment;
import java.util.Map;

/**
 * A state's input and output processing in its query language: JSONPath's InputPath, Parameters,
 * ResultSelector, ResultPath and OutputPath, or JSONata's Arguments and Output. State handlers call
 * the two phases and stay ignorant of the query language.
 */
public interface Dataflow {

    /** The effective input: InputPath then Parameters, or JSONata Arguments. */
    JsonNode input(JsonNode rawInput, Environment env);

    /**
     * The state output from the raw input and the result of the state's work: ResultSelector,
     * ResultPath and OutputPath, or JSONata Output. Where a state type has no result (Choice,
     * Wait, Succeed) the handler passes its effective input as the result.
     */
    JsonNode output(JsonNode rawInput, JsonNode result, Environment env);

    /**
     * For TestState's inspectionData: puts each intermediate value into {@code into} under AWS's
     * name (afterInputPath, afterParameters, afterResultSelector, afterResultPath; or
     * afterArguments) as it is computed, so a stage that throws leaves the ones before it. The
     * output stages run only when {@code result} is not null. Never called on an execution's path.
     */
    void inspect(JsonNode rawInput, JsonNode result, Environment env, Map<String, JsonNode> into);
}
