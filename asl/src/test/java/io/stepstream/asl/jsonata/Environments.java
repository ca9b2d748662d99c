package io.stepstream.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.eval.Variables;
import io.stepstream.asl.json.Json;
import java.util.Map;
import java.util.UUID;

/** Environments for tests: fixed time, fixed entropy. */
final class Environments {

    static final long NOW = 1_700_000_000_123L;
    static final UUID FIXED_UUID = UUID.fromString("3f2504e0-4f89-41d3-9a0c-0305e82c3301");

    static final Entropy FIXED_ENTROPY = new Entropy() {
        @Override
        public UUID uuid() {
            return FIXED_UUID;
        }

        @Override
        public long nextLong() {
            return 0x8000_0000_0000_0000L;
        }
    };

    private Environments() {}

    static JsonataEnvironment input(String inputJson) {
        return withVariables(inputJson, Map.of());
    }

    static JsonataEnvironment withVariables(String inputJson, Map<String, String> variablesJson) {
        Variables variables = name -> variablesJson.containsKey(name) ? Json.parse(variablesJson.get(name)) : null;
        JsonNode context = Json.parse("{\"Execution\":{\"Id\":\"arn:exec\"},\"State\":{\"Name\":\"S\"}}");
        return JsonataEnvironment.of(Json.parse(inputJson), context, variables, NOW, FIXED_ENTROPY);
    }
}
