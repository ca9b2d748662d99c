package io.stepstream.api;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 (HMAC-SHA256 over the canonical request), for signing requests (the
 * CLI) and checking them (the API server). Written over javax.crypto because no server-side
 * verifier library resolves here, and the SDK's signer only signs (and is a test dependency).
 * See AWS's "Create a signed AWS API request" for each step.
 */
public final class SigV4 {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String SERVICE = "states";
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * A request as the signature sees it.
     *
     * @param path the raw (still percent-encoded) path
     * @param query the raw query string; empty when none
     * @param headers by lower-case name, each with its values in order
     */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {}

    private SigV4() {}

    /**
     * Signs a request: returns the {@code Authorization} and {@code X-Amz-Date} headers to add. The
     * request's headers must already hold {@code host} (and any other header to sign).
     */
    public static Map<String, String> sign(String accessKey, String secretKey, String region, ZonedDateTime now,
                                           Request request) {
        String amzDate = AMZ_DATE.format(now.withZoneSameInstant(ZoneOffset.UTC));
        Map<String, List<String>> headers = new TreeMap<>(request.headers());
        headers.put("x-amz-date", List.of(amzDate));
        List<String> signed = new ArrayList<>(headers.keySet());
        String scope = amzDate.substring(0, 8) + "/" + region + "/" + SERVICE + "/aws4_request";
        Request withDate = new Request(request.method(), request.path(), request.query(), headers, request.body());
        String signature = signature(secretKey, amzDate, scope, signed, withDate);
        return Map.of("Authorization", ALGORITHM + " Credential=" + accessKey + "/" + scope + ", SignedHeaders="
                + String.join(";", signed) + ", Signature=" + signature, "X-Amz-Date", amzDate);
    }

    /** The hex signature of a request under a scope ({@code date/region/service/aws4_request}). */
    static String signature(String secretKey, String amzDate, String scope, List<String> signedHeaders, Request r) {
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest(r, signedHeaders).getBytes(StandardCharsets.UTF_8)));
        byte[] key = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
        for (String part : scope.split("/")) {
            key = hmac(key, part);
        }
        return hex(hmac(key, stringToSign));
    }

    static String canonicalRequest(Request r, List<String> signedHeaders) {
        StringBuilder headers = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = r.headers().getOrDefault(name, List.of());
            List<String> trimmed = new ArrayList<>(values.size());
            values.forEach(v -> trimmed.add(v.trim().replaceAll(" +", " ")));
            headers.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        return r.method() + "\n" + canonicalPath(r.path()) + "\n" + canonicalQuery(r.query()) + "\n" + headers + "\n"
                + String.join(";", signedHeaders) + "\n" + hex(sha256(r.body()));
    }

    /** Every segment URI-encoded once more: services other than S3 sign the encoded path encoded again. */
    private static String canonicalPath(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(encode(segments[i]));
        }
        return out.toString();
    }

    private static String canonicalQuery(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        TreeMap<String, List<String>> params = new TreeMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = encode(decode(eq < 0 ? pair : pair.substring(0, eq)));
            String value = eq < 0 ? "" : encode(decode(pair.substring(eq + 1)));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        List<String> parts = new ArrayList<>();
        params.forEach((name, values) -> values.stream().sorted().forEach(v -> parts.add(name + "=" + v)));
        return String.join("&", parts);
    }

    /** RFC 3986 encoding: unreserved characters stay, everything else is %XX (space is %20, not +). */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes).toLowerCase(Locale.ROOT);
    }
}
