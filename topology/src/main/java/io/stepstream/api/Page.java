package io.stepstream.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a sorted listing: {@code maxResults} (1-1000, default 100) items after the
 * {@code nextToken}, which is the opaque, base64 sort key of the last item of the previous page.
 *
 * @param next the token of the following page; null on the last page
 */
record Page<T>(List<T> items, String next) {

    static <T> Page<T> of(List<T> sorted, Function<T, String> sortKey, Body body) {
        int max = body.integer("maxResults", 0);
        if (max < 0 || max > 1000) {
            throw ApiException.validation("1 validation error detected: Value '" + max + "' at 'maxResults' failed"
                    + " to satisfy constraint: Member must have value less than or equal to 1000");
        }
        int size = max == 0 ? 100 : max;
        String token = body.text("nextToken");
        int from = 0;
        if (token != null) {
            String after;
            try {
                after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiException.of("InvalidToken", "Invalid Token: '" + token + "'");
            }
            while (from < sorted.size() && sortKey.apply(sorted.get(from)).compareTo(after) <= 0) {
                from++;
            }
        }
        int to = Math.min(sorted.size(), from + size);
        String next = to < sorted.size() ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString(sortKey.apply(sorted.get(to - 1)).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(sorted.subList(from, to), next);
    }

    void writeToken(ObjectNode out) {
        if (next != null) {
            out.put("nextToken", next);
        }
    }
}
