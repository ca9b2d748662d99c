package io.stepstream.runtime;

import static io.stepstream.runtime.DrivenEngine.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import io.stepstream.runtime.engine.ExecutionTopology;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.ExecutionStateEnvelope;
import io.stepstream.schemas.avro.ExecutionStatus;
import io.stepstream.schemas.avro.SendTaskSuccess;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * An execution stored by an engine that wrote version 1 of the state codec (every field, the task
 * token whole) is carried on by this one, which writes it back as version 2.
 */
class StateCodecUpgradeTest extends DrivenEngineTest {
    @Test
    void anExecutionStoredAsVersionOneFinishesItsTaskAndIsWrittenBackAsVersionTwo() {
        engine.deploy("t", """
                {"StartAt":"T","States":{"T":{"Type":"Task",
                 "Resource":"arn:aws:lambda:us-east-1:111111111111:function:f","End":true}}}""");
        String arn = engine.start("t", "old", "{\"k\":1}", T0);
        String token = engine.tasks.readValue().getTaskToken();
        toVersionOne(arn, token);

        engine.send(arn, new SendTaskSuccess(token, "{\"done\":true}"), T0.plusSeconds(1));

        Completion completion = engine.completions.readValue();
        assertEquals(ExecutionStatus.SUCCEEDED, completion.getStatus());
        assertEquals(Json.parse("{\"done\":true}"), Json.parse(completion.getOutput()));
        ExecutionStateEnvelope kept = executions().get(arn); // kept for its retention
        JsonNode state = Json.parse(kept.getState());
        assertEquals(2, kept.getSchemaVersion());
        assertEquals(2, state.get("v").asInt());
        assertFalse(state.get("info").has("roleArn"), state.toString());
    }

    /** Rewrites the stored state as version 1 wrote it. */
    private void toVersionOne(String arn, String token) {
        ExecutionStateEnvelope envelope = executions().get(arn);
        ObjectNode state = (ObjectNode) Json.parse(envelope.getState());
        ObjectNode wait = (ObjectNode) state.get("root").get("wait");
        assertEquals(2, state.get("v").asInt());
        assertFalse(wait.has("taskToken"), "version 2 keeps the token's nonce only: " + wait);
        state.put("v", 1);
        ((ObjectNode) state.get("info")).put("name", "old")
                .put("stateMachineArn", "arn:aws:states:us-east-1:111111111111:stateMachine:t")
                .put("roleArn", "arn:aws:iam::111111111111:role/t-role");
        wait.remove("nonce");
        wait.put("taskToken", token);
        envelope.setSchemaVersion(1);
        envelope.setState(Json.write(state));
        executions().put(arn, envelope);
    }

    private KeyValueStore<String, ExecutionStateEnvelope> executions() {
        return engine.driver.getKeyValueStore(ExecutionTopology.EXECUTIONS_STORE);
    }
}
