package io.stepstream.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a request's Signature Version 4 against the configured access keys and answers as AWS's
 * front end does: no Authorization header is MissingAuthenticationTokenException, an unknown key
 * UnrecognizedClientException, a wrong signature or a date more than 15 minutes off
 * InvalidSignatureException, a malformed header IncompleteSignatureException.
 */
final class SignatureCheck {
    private static final Duration SKEW = Duration.ofMinutes(15);
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
                    + "SignedHeaders=([a-z0-9\\-;]+),\\s*Signature=([0-9a-f]{64})");

    private final Map<String, String> credentials;
    private final Clock clock;

    SignatureCheck(Map<String, String> credentials, Clock clock) {
        this.credentials = Map.copyOf(credentials);
        this.clock = clock;
    }

    /** @throws ApiException when the request is not signed by one of the configured keys */
    void verify(SigV4.Request request) {
        String authorization = first(request, "authorization");
        if (authorization == null) {
            throw ApiException.frontEnd("MissingAuthenticationTokenException", "Missing Authentication Token", 403);
        }
        Matcher m = AUTHORIZATION.matcher(authorization.trim());
        if (!m.matches()) {
            throw ApiException.frontEnd("IncompleteSignatureException",
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters"
                            + " in the AWS4-HMAC-SHA256 format. Authorization=" + authorization, 400);
        }
        String secret = credentials.get(m.group(1));
        if (secret == null) {
            throw ApiException.frontEnd("UnrecognizedClientException",
                    "The security token included in the request is invalid.", 400);
        }
        String amzDate = first(request, "x-amz-date");
        List<String> signed = Arrays.asList(m.group(5).split(";"));
        if (amzDate == null || !signed.contains("host") || !amzDate.startsWith(m.group(2))) {
            throw ApiException.frontEnd("IncompleteSignatureException",
                    "The request must carry X-Amz-Date (matching the credential scope's date) and sign the host header.",
                    400);
        }
        checkSkew(amzDate);
        String scope = m.group(2) + "/" + m.group(3) + "/" + m.group(4) + "/aws4_request";
        String expected = SigV4.signature(secret, amzDate, scope, signed, request);
        if (!SigV4.SERVICE.equals(m.group(4)) || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                m.group(6).getBytes(StandardCharsets.US_ASCII))) {
            throw ApiException.frontEnd("InvalidSignatureException",
                    "The request signature we calculated does not match the signature you provided. Check your AWS"
                            + " Secret Access Key and signing method. Consult the service documentation for details.",
                    400);
        }
    }

    private void checkSkew(String amzDate) {
        Instant signedAt;
        try {
            signedAt = ZonedDateTime.parse(amzDate, SigV4.AMZ_DATE).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.frontEnd("IncompleteSignatureException", "Invalid X-Amz-Date: " + amzDate, 400);
        }
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(SKEW) > 0) {
            throw ApiException.frontEnd("InvalidSignatureException", "Signature expired: " + amzDate
                    + " is now earlier than " + SigV4.AMZ_DATE.format(now.minus(SKEW)) + " ("
                    + SigV4.AMZ_DATE.format(now) + " - 15 min.)", 400);
        }
    }

    private static String first(SigV4.Request request, String header) {
        List<String> values = request.headers().get(header);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
