package io.stepstream.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * URL-encodes a JSON object as the HTTP Task's {@code Transform} with
 * {@code RequestBodyEncoding: URL_ENCODED} does; {@code RequestEncodingOptions.ArrayFormat} says
 * how arrays look: INDICES {@code a[0]=x&a[1]=y} (the default), REPEAT {@code a=x&a=y}, COMMAS
 * {@code a=x,y}, BRACKETS {@code a[]=x&a[]=y}. Nested objects become {@code a[b]=x}.
 */
final class FormEncoding {
    enum ArrayFormat { INDICES, REPEAT, COMMAS, BRACKETS }

    private FormEncoding() {}

    static String encode(JsonNode body, ArrayFormat format) {
        List<String> pairs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            add(pairs, e.getKey(), e.getValue(), format);
        }
        return String.join("&", pairs);
    }

    private static void add(List<String> pairs, String key, JsonNode value, ArrayFormat format) {
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                add(pairs, key + "[" + e.getKey() + "]", e.getValue(), format);
            }
        } else if (value.isArray()) {
            switch (format) {
                case COMMAS -> {
                    List<String> items = new ArrayList<>();
                    value.forEach(v -> items.add(text(v)));
                    pairs.add(pair(key, String.join(",", items)));
                }
                case REPEAT -> value.forEach(v -> add(pairs, key, v, format));
                case BRACKETS -> value.forEach(v -> add(pairs, key + "[]", v, format));
                case INDICES -> {
                    for (int i = 0; i < value.size(); i++) {
                        add(pairs, key + "[" + i + "]", value.get(i), format);
                    }
                }
            }
        } else {
            pairs.add(pair(key, text(value)));
        }
    }

    private static String text(JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static String pair(String key, String value) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
