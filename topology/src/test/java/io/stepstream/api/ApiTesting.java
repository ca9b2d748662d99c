package io.stepstream.api;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** What the API tests share: the AWS SDK's client for a local API server, and waiting on executions. */
final class ApiTesting {
    /** Generous: the machine running the tests may be loaded. */
    static final Duration WAIT = Duration.ofSeconds(60);

    private ApiTesting() {}

    /** An SfnClient that signs with {@code key}/{@code secret} and talks to the server on loopback. */
    static SfnClient client(ApiServer server, String key, String secret) {
        return SfnClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1).httpClient(ApacheHttpClient.create())
                // StartSyncExecution's endpoint is "sync-" + host on AWS; an IP address cannot take the prefix.
                .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret))).build();
    }

    /** DescribeExecution once the execution is no longer RUNNING. */
    static DescribeExecutionResponse awaitEnd(SfnClient sfn, String executionArn) {
        return await(() -> {
            DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(executionArn));
            return d.status() == ExecutionStatus.RUNNING ? null : d;
        });
    }

    /** The first non-null answer of {@code probe}, asked every 50 ms for at most {@link #WAIT}. */
    static <T> T await(Supplier<T> probe) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            T t = probe.get();
            if (t != null) {
                return t;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Not within " + WAIT);
    }
}
