package io.stepstream.connectors.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.model.Resource;
import io.stepstream.connectors.Connector;
import io.stepstream.connectors.ConnectorContext;
import io.stepstream.connectors.ConnectorException;
import io.stepstream.connectors.TaskInvocation;
import io.stepstream.connectors.TaskOutcome;
import io.stepstream.connectors.worker.Worker;
import io.stepstream.runtime.EngineConfig;
import io.stepstream.runtime.engine.EngineSerdes;
import io.stepstream.schemas.avro.IdempotencyKey;
import io.stepstream.schemas.avro.TaskRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runs Lambda Task states: {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]} (the
 * result is the function's payload) and {@code arn:aws:states:::lambda:invoke[.waitForTaskToken]}
 * (Parameters {@code FunctionName}, {@code Payload}, {@code Qualifier}; the result is AWS's Invoke
 * response: ExecutedVersion, Payload, SdkHttpMetadata, SdkResponseMetadata, StatusCode). Each
 * function goes, by name (or {@code *}), to one of:
 * <ul>
 *   <li>an endpoint speaking the Lambda Invoke API ({@code POST /2015-03-31/functions/NAME/invocations},
 *       as the runtime interface emulator and {@code sam local start-lambda} serve it);</li>
 *   <li>a {@link LambdaFunction} in this process;</li>
 *   <li>a worker queue: the request is forwarded there with the event as input, and the worker
 *       answers with the token (the lambda:invoke wrapper is applied by the worker).</li>
 * </ul>
 * A function error (the {@code X-Amz-Function-Error} header, or an exception in process) fails
 * the task with error = errorType and cause = the error body as a string, as AWS does.
 */
public final class LambdaConnector implements Connector {
    private static final String INVOKE = "lambda:invoke";

    /** Where one function runs. */
    public sealed interface Target {
        /** A Lambda Invoke API endpoint, e.g. {@code http://127.0.0.1:3001}. */
        record Endpoint(URI base) implements Target {}

        /** A function in this process. */
        record InProcess(LambdaFunction function) implements Target {}

        /** A worker queue ({@code <prefix>.tasks.<queue>}). */
        record Queue(String queue) implements Target {}
    }

    private final Map<String, Target> functions;
    private final Duration timeout;
    private final EngineConfig config;
    private final HttpClient http;
    private KafkaProducer<String, byte[]> producer;

    private LambdaConnector(Map<String, Target> functions, Duration timeout, EngineConfig config) {
        this.functions = Map.copyOf(functions);
        this.timeout = timeout;
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        if (config != null && !queues().isEmpty()) {
            Worker.createMissing(config, queues());
        }
    }

    /** From configuration: {@code {"functions": {"NAME" or "*": {"endpoint"|"queue"|"class": ...}}, "timeoutSeconds": 900}}. */
    public LambdaConnector(ConnectorContext context) {
        this(targets(context.settings().path("functions")),
                Duration.ofSeconds(context.settings().path("timeoutSeconds").asLong(900)), context.config());
    }

    /** The worker queues this connector hands tasks to. */
    public java.util.Set<String> queues() {
        java.util.Set<String> queues = new java.util.TreeSet<>();
        functions.values().forEach(t -> {
            if (t instanceof Target.Queue q) {
                queues.add(q.queue());
            }
        });
        return queues;
    }

    /** For embedding: targets added one by one. */
    public static Builder builder(EngineConfig config) {
        return new Builder(config);
    }

    private static Map<String, Target> targets(JsonNode settings) {
        Map<String, Target> targets = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode t = e.getValue();
            if (t.hasNonNull("endpoint")) {
                targets.put(e.getKey(), new Target.Endpoint(URI.create(t.get("endpoint").asText())));
            } else if (t.hasNonNull("queue")) {
                targets.put(e.getKey(), new Target.Queue(t.get("queue").asText()));
            } else if (t.hasNonNull("class")) {
                targets.put(e.getKey(), new Target.InProcess(instantiate(t.get("class").asText())));
            } else {
                throw new IllegalArgumentException("Lambda function '" + e.getKey()
                        + "' needs an \"endpoint\", a \"queue\" or a \"class\"");
            }
        }
        return targets;
    }

    private static LambdaFunction instantiate(String className) {
        try {
            return (LambdaFunction) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("Cannot make a LambdaFunction of " + className + ": " + e, e);
        }
    }

    /** The function a task calls, its qualifier, and the event it sends. */
    record Call(String name, String qualifier, JsonNode event, boolean invoke) {}

    static Call call(TaskInvocation task) throws ConnectorException {
        Resource resource = task.resource();
        if (resource.kind() == Resource.Kind.LAMBDA_FUNCTION) {
            String[] parts = resource.arn().split(":");
            return new Call(parts[6], parts.length > 7 ? parts[7] : null, task.input(), false);
        }
        JsonNode name = task.input().get("FunctionName");
        if (name == null || !name.isTextual()) {
            throw new ConnectorException("Lambda.InvalidParameterValueException",
                    "The field 'FunctionName' is required but was missing");
        }
        String[] parts = name.asText().split(":");
        int function = java.util.Arrays.asList(parts).indexOf("function");
        String functionName = function >= 0 ? parts[function + 1] : parts[0];
        String qualifier = function >= 0 ? (parts.length > function + 2 ? parts[function + 2] : null)
                : (parts.length > 1 ? parts[1] : null);
        if (task.input().path("Qualifier").isTextual()) {
            qualifier = task.input().get("Qualifier").asText();
        }
        JsonNode payload = task.input().get("Payload");
        return new Call(functionName, qualifier, payload == null ? Json.NODES.objectNode() : payload, true);
    }

    @Override
    public CompletionStage<TaskOutcome> invoke(TaskInvocation task) throws Exception {
        Call call = call(task);
        Target target = functions.getOrDefault(call.name(), functions.get("*"));
        if (target == null) {
            throw new ConnectorException("Lambda.ResourceNotFoundException", "Function not found: arn:aws:lambda:"
                    + task.region() + ":" + task.account() + ":function:" + call.name()
                    + " (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException)");
        }
        boolean wrap = call.invoke() && task.resource().pattern() != Resource.Pattern.WAIT_FOR_TASK_TOKEN;
        if (target instanceof Target.Queue q) {
            return forward(task, call, q.queue(), wrap);
        }
        CompletionStage<TaskOutcome> result = target instanceof Target.Endpoint e
                ? overHttp(e.base(), call) : inProcess(((Target.InProcess) target).function(), call);
        return wrap ? result.thenApply(o -> o instanceof TaskOutcome.Succeeded s
                ? (s.output().has("SdkHttpMetadata") ? s : TaskOutcome.succeeded(LambdaResults.invokeResponse(s.output())))
                : o) : result;
    }

    private static CompletionStage<TaskOutcome> inProcess(LambdaFunction function, Call call) {
        try {
            JsonNode result = function.handle(call.event());
            return TaskOutcome.succeeded(result == null ? Json.NODES.nullNode() : result).done();
        } catch (LambdaFunctionException e) {
            return LambdaResults.functionError(LambdaResults.errorBody(e.errorType(), e.getMessage(), e.getStackTrace())).done();
        } catch (Exception e) {
            return LambdaResults.functionError(LambdaResults.errorBody(e.getClass().getSimpleName(), e.getMessage(),
                    e.getStackTrace())).done();
        }
    }

    private CompletionStage<TaskOutcome> overHttp(URI base, Call call) {
        String path = "/2015-03-31/functions/" + URLEncoder.encode(call.name(), StandardCharsets.UTF_8) + "/invocations"
                + (call.qualifier() == null ? "" : "?Qualifier=" + URLEncoder.encode(call.qualifier(), StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Content-Type", "application/json").header("X-Amz-Invocation-Type", "RequestResponse")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(call.event()))).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> error != null ? clientError(error) : outcome(response, call));
    }

    private static TaskOutcome outcome(HttpResponse<String> response, Call call) {
        String body = response.body() == null ? "" : response.body();
        if (response.statusCode() / 100 != 2) {
            String type = response.headers().firstValue("x-amzn-ErrorType").map(t -> t.split(":")[0])
                    .orElse(switch (response.statusCode()) {
                        case 404 -> "ResourceNotFoundException";
                        case 429 -> "TooManyRequestsException";
                        case 400 -> "InvalidRequestContentException";
                        default -> "ServiceException";
                    });
            String message = body;
            try {
                JsonNode parsed = Json.parse(body);
                message = parsed.path("message").asText(parsed.path("Message").asText(body));
            } catch (RuntimeException notJson) {
                // keep the body
            }
            return TaskOutcome.failed("Lambda." + type, message + " (Service: AWSLambda; Status Code: "
                    + response.statusCode() + "; Error Code: " + type + "; Request ID: "
                    + response.headers().firstValue("x-amzn-RequestId").orElse("") + "; Proxy: null)");
        }
        if (response.headers().firstValue("X-Amz-Function-Error").isPresent()) {
            return LambdaResults.functionError(body);
        }
        JsonNode payload;
        try {
            payload = body.isBlank() ? Json.NODES.nullNode() : Json.parse(body);
        } catch (RuntimeException e) {
            return TaskOutcome.failed("Lambda.Unknown", "The function returned a payload that is not JSON: " + body);
        }
        if (!call.invoke()) {
            return TaskOutcome.succeeded(payload);
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.headers().map().forEach((name, values) -> {
            if (!values.isEmpty() && !name.startsWith(":")) {
                headers.put(name, values.get(0));
            }
        });
        headers.putIfAbsent("X-Amz-Executed-Version", "$LATEST");
        String requestId = headers.getOrDefault("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        return TaskOutcome.succeeded(LambdaResults.invokeResponse(payload, headers, requestId, response.statusCode()));
    }

    private static TaskOutcome clientError(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return TaskOutcome.failed("Sandbox.Timedout", "Task timed out: " + cause.getMessage());
        }
        return TaskOutcome.failed("Lambda.SdkClientException", "Unable to execute HTTP request: " + cause);
    }

    /** Hands the task to a worker queue with the function's event as input; the worker answers with the token. */
    private CompletionStage<TaskOutcome> forward(TaskInvocation task, Call call, String queue, boolean wrap) {
        String key = task.idempotencyKey();
        String visit = key.substring(task.executionArn().length() + 1);
        int slash = visit.lastIndexOf('/');
        TaskRequest request = new TaskRequest(task.executionArn(), task.taskToken(),
                new IdempotencyKey(task.executionArn(), visit.substring(0, slash), Integer.parseInt(visit.substring(slash + 1))),
                "arn:aws:lambda:" + task.region() + ":" + task.account() + ":function:" + call.name()
                        + (call.qualifier() == null ? "" : ":" + call.qualifier()),
                Json.write(call.event()), task.timeoutSeconds(), task.heartbeatSeconds(), task.scheduledAt());
        String topic = config.names().tasks(queue);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, task.executionArn(),
                EngineSerdes.of(config.serdeConfig()).tasks().serializer().serialize(topic, request));
        if (wrap) {
            record.headers().add(Worker.RESULT_HEADER, INVOKE.getBytes(StandardCharsets.UTF_8));
        }
        CompletableFuture<TaskOutcome> sent = new CompletableFuture<>();
        producer().send(record, (metadata, error) -> {
            if (error != null) {
                sent.complete(TaskOutcome.failed("Lambda.SdkClientException", "Could not hand the task to queue '"
                        + queue + "': " + error));
            } else {
                sent.complete(TaskOutcome.pending());
            }
        });
        return sent;
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Objects.requireNonNull(config, "a queue target needs the engine's configuration");
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                    ProducerConfig.LINGER_MS_CONFIG, 1, ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Collects function targets. */
    public static final class Builder {
        private final EngineConfig config;
        private final Map<String, Target> functions = new HashMap<>();
        private Duration timeout = Duration.ofSeconds(900);

        private Builder(EngineConfig config) {
            this.config = config;
        }

        /** {@code name} (or {@code *} for every other function) runs at {@code target}. */
        public Builder function(String name, Target target) {
            functions.put(name, target);
            return this;
        }

        public Builder function(String name, LambdaFunction function) {
            return function(name, new Target.InProcess(function));
        }

        /** How long one HTTP invocation may take (default 900 s, Lambda's maximum). */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public LambdaConnector build() {
            return new LambdaConnector(functions, timeout, config);
        }
    }
}
