package io.stepstream.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.eval.Bindings;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;
import java.util.Map;

/** INTERIM (replaced by the intrinsics branch): a JSONPath payload template with path values only. */
public final class PayloadTemplate {
    private final JsonNode template;

    private PayloadTemplate(JsonNode template) {
        this.template = template;
    }

    public static PayloadTemplate compile(JsonNode template) {
        return new PayloadTemplate(template);
    }

    public JsonNode evaluate(Bindings bindings, Entropy entropy) {
        return eval(template, bindings);
    }

    private static JsonNode eval(JsonNode node, Bindings bindings) {
        if (node.isObject()) {
            ObjectNode out = Json.NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String key = e.getKey();
                if (key.endsWith(".$") && e.getValue().isTextual()) {
                    String p = e.getValue().asText();
                    JsonNode v = Path.compile(p).select(bindings);
                    if (v == null) {
                        throw AslException.runtime("The JSONPath '" + p + "' specified for the field '" + key
                                + "' could not be found in the input '" + Json.write(bindings.data()) + "'");
                    }
                    out.set(key.substring(0, key.length() - 2), v);
                } else {
                    out.set(key, eval(e.getValue(), bindings));
                }
            }
            return out;
        }
        if (node.isArray()) {
            var out = Json.NODES.arrayNode();
            node.forEach(n -> out.add(eval(n, bindings)));
            return out;
        }
        return node;
    }
}
