package io.stepstream.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.MachineType;
import io.stepstream.connectors.lambda.LambdaFunction;
import io.stepstream.runtime.kafka.Broker;
import io.stepstream.runtime.kafka.KafkaBrokerExtension;
import io.stepstream.schemas.avro.Completion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed sample combined-sample.asl.json, its three Lambda functions served over the Lambda
 * Invoke API by a real HTTP server and reached through the lambda connector. Its Wait state takes
 * a real 30 s.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CombinedSampleTest {

    @Test
    void theCombinedSampleRunsItsLambdaFunctionsOverTheInvokeApi(Broker broker) throws Exception {
        Map<String, LambdaFunction> functions = Map.of(
                "Process1", event -> ((ObjectNode) event.deepCopy()).put("step", 1).put("processResult", "Process2b"),
                "Process2", event -> ((ObjectNode) event.deepCopy()).put("step", event.path("step").asInt() + 1),
                "Process3", event -> event);
        Path folder = Path.of(System.getProperty("stepstream.root", "..")).resolve("../shared/seed-workflows").normalize();
        String definition = Files.readString(folder.resolve("combined-sample.asl.json"));
        try (FakeServer lambda = LambdaApi.serve(functions);
             TestEngine engine = TestEngine.start(broker, "combined-test",
                     "{\"lambda\":{\"functions\":{\"*\":{\"endpoint\":\"" + lambda.url() + "\"}}}}")) {
            engine.engine.deploy("combined-sample", definition, MachineType.STANDARD);
            String arn = engine.engine.client().startExecution("combined-sample", "sample", "{}");
            Completion c = engine.engine.client().awaitOutcome(arn, java.time.Duration.ofSeconds(180)).completion();
            assertEquals(Json.parse("""
                    [{"step":4,"processResult":"Process2b"},
                     {"step":5,"processResult":"Process2b","test-data":{"data1":12345,"data2":-12345}}]"""),
                    TestEngine.output(c));
            // Process1, 2b-1, 2b-2, 4a, 4b-1, 4b-3, 5: seven invocations, each over HTTP.
            assertEquals(7, lambda.received.size());
        }
    }
}
