package io.stepstream.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Signature Version 4 against AWS's published example, and the checks the server makes. */
class SigV4Test {

    @Test
    void signsAwsDocumentedIamExampleToItsPublishedSignature() {
        // "Create a signed AWS API request", GET https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08
        Map<String, List<String>> headers = new TreeMap<>(Map.of(
                "content-type", List.of("application/x-www-form-urlencoded; charset=utf-8"),
                "host", List.of("iam.amazonaws.com"), "x-amz-date", List.of("20150830T123600Z")));
        SigV4.Request request = new SigV4.Request("GET", "/", "Action=ListUsers&Version=2010-05-08", headers, new byte[0]);

        String signature = SigV4.signature("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830T123600Z",
                "20150830/us-east-1/iam/aws4_request", List.of("content-type", "host", "x-amz-date"), request);

        assertEquals("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", signature);
    }

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private static SigV4.Request signed(String key, String secret, Instant at, String body) {
        Map<String, List<String>> headers = new TreeMap<>(Map.of("host", List.of("localhost:8083"),
                "x-amz-target", List.of("AWSStepFunctions.ListStateMachines")));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> added = SigV4.sign(key, secret, "us-east-1", ZonedDateTime.ofInstant(at, ZoneOffset.UTC),
                new SigV4.Request("POST", "/", "", headers, bytes));
        Map<String, List<String>> all = new HashMap<>(headers);
        added.forEach((name, value) -> all.put(name.toLowerCase(), List.of(value)));
        return new SigV4.Request("POST", "/", "", all, bytes);
    }

    private static String refusal(SigV4.Request request) {
        SignatureCheck check = new SignatureCheck(Map.of("AKID", "secret"), Clock.fixed(NOW, ZoneOffset.UTC));
        return assertThrows(ApiException.class, () -> check.verify(request)).code();
    }

    @Test
    void acceptsARequestItsOwnSignerSigned() {
        SignatureCheck check = new SignatureCheck(Map.of("AKID", "secret"), Clock.fixed(NOW, ZoneOffset.UTC));

        assertDoesNotThrow(() -> check.verify(signed("AKID", "secret", NOW, "{}")));
    }

    @Test
    void refusesWrongSecretsUnknownKeysOldDatesAndUnsignedRequestsAsAws() {
        SigV4.Request tampered = signed("AKID", "secret", NOW, "{}");
        tampered = new SigV4.Request("POST", "/", "", tampered.headers(), "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertEquals("InvalidSignatureException", refusal(signed("AKID", "wrong", NOW, "{}")));
        assertEquals("InvalidSignatureException", refusal(tampered));
        assertEquals("UnrecognizedClientException", refusal(signed("OTHER", "secret", NOW, "{}")));
        assertEquals("InvalidSignatureException", refusal(signed("AKID", "secret", NOW.minusSeconds(16 * 60), "{}")));
        assertEquals("MissingAuthenticationTokenException", refusal(new SigV4.Request("POST", "/", "",
                Map.of("host", List.of("localhost")), new byte[0])));
        assertEquals("IncompleteSignatureException", refusal(new SigV4.Request("POST", "/", "",
                Map.of("authorization", List.of("AWS4-HMAC-SHA256 nonsense")), new byte[0])));
    }
}
