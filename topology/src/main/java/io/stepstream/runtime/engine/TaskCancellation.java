package io.stepstream.runtime.engine;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A task the engine no longer wants (its branch was aborted, its execution stopped or ended, or it
 * timed out). On the task topic it is a record with no value, keyed by the execution id like the
 * request it cancels (so it comes after it), whose {@value #HEADER} header holds the task token.
 * The TaskRequest schema is untouched: a reader that skips null values never mistakes it for work.
 *
 * @param taskToken the cancelled task's token
 * @param resource the Task state's Resource, which names the task topic
 */
public record TaskCancellation(String taskToken, String resource) {
    /** The header that marks a cancellation; its value is the task token in UTF-8. */
    public static final String HEADER = "stepstream.cancel";

    /** The token a task-topic record cancels, or null when it is not a cancellation. */
    public static String cancelledToken(byte[] value, Headers headers) {
        if (value != null || headers == null) {
            return null;
        }
        Header header = headers.lastHeader(HEADER);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    Headers headers() {
        return new RecordHeaders().add(HEADER, taskToken.getBytes(StandardCharsets.UTF_8));
    }
}
