package io.stepstream.cli;

import picocli.CommandLine.Option;

/** The options every API subcommand shares: where the server is and how to sign for it. */
final class ApiOptions {

    @Option(names = "--endpoint", paramLabel = "URL", defaultValue = "${env:STEPSTREAM_ENDPOINT:-http://127.0.0.1:8083}",
            description = "The server's API endpoint (default: ${DEFAULT-VALUE}; env STEPSTREAM_ENDPOINT).")
    String endpoint;

    @Option(names = "--region", defaultValue = "${env:AWS_REGION:-us-east-1}",
            description = "The region requests are signed for (default: ${DEFAULT-VALUE}; env AWS_REGION).")
    String region;

    @Option(names = "--access-key", paramLabel = "ID", defaultValue = "${env:AWS_ACCESS_KEY_ID}",
            description = "Sign requests with this access key (default: env AWS_ACCESS_KEY_ID; unsigned when unset).")
    String accessKey;

    @Option(names = "--secret-key", paramLabel = "SECRET", defaultValue = "${env:AWS_SECRET_ACCESS_KEY}",
            description = "The secret of --access-key (default: env AWS_SECRET_ACCESS_KEY).")
    String secretKey;

    ApiClient client() {
        return new ApiClient(endpoint, region, accessKey, secretKey);
    }
}
