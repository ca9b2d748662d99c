package io.stepstream.connectors.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stepstream.asl.json.Json;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** How the HTTP Task's Transform URL-encodes a request body, per ArrayFormat (no broker). */
class FormEncodingTest {
    private static String encoded(String format) throws Exception {
        HttpConnector http = new HttpConnector(List.of("http://h/*"), Duration.ofSeconds(1), Map.of());
        var request = httpRequest(http, """
                {"ApiEndpoint":"http://h/p","Method":"POST","RequestBody":{"a":["x","y"],"o":{"k":"v w"}},
                 "Transform":{"RequestBodyEncoding":"URL_ENCODED","RequestEncodingOptions":{"ArrayFormat":"%s"}}}"""
                .formatted(format));
        return body(request);
    }

    static HttpRequest httpRequest(HttpConnector http, String parameters) throws Exception {
        return http.request(Json.parse(parameters));
    }

    static String body(HttpRequest request) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        var done = new java.util.concurrent.CompletableFuture<Void>();
        request.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<java.nio.ByteBuffer>() {
            @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
            @Override public void onNext(java.nio.ByteBuffer b) { byte[] a = new byte[b.remaining()]; b.get(a); out.writeBytes(a); }
            @Override public void onError(Throwable t) { done.completeExceptionally(t); }
            @Override public void onComplete() { done.complete(null); }
        });
        done.get();
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void indicesNumberEachItem() throws Exception {
        assertEquals("a%5B0%5D=x&a%5B1%5D=y&o%5Bk%5D=v+w", encoded("INDICES"));
    }

    @Test
    void repeatRepeatsTheKey() throws Exception {
        assertEquals("a=x&a=y&o%5Bk%5D=v+w", encoded("REPEAT"));
    }

    @Test
    void commasJoinTheItems() throws Exception {
        assertEquals("a=x%2Cy&o%5Bk%5D=v+w", encoded("COMMAS"));
    }

    @Test
    void bracketsMarkTheKeyAsAnArray() throws Exception {
        assertEquals("a%5B%5D=x&a%5B%5D=y&o%5Bk%5D=v+w", encoded("BRACKETS"));
    }

    @Test
    void aJsonBodyIsSentAsJsonWithItsContentType() throws Exception {
        HttpConnector http = new HttpConnector(List.of("http://h/*"), Duration.ofSeconds(1), Map.of());
        HttpRequest request = httpRequest(http, "{\"ApiEndpoint\":\"http://h/p\",\"Method\":\"PUT\",\"RequestBody\":{\"a\":1}}");
        assertEquals("{\"a\":1}", body(request));
        assertEquals("application/json", request.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("PUT", request.method());
    }
}
