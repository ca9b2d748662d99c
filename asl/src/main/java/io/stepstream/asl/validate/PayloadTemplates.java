package io.stepstream.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSONPath payload templates (Parameters, ResultSelector, ItemSelector, BatchInput, ...): every
 * {@code key.$} holds a path or an intrinsic call, and stripping the suffix may not collide with
 * a literal key. AWS reports both at the template field itself, not at the nested key.
 */
final class PayloadTemplates {

    static final String DYNAMIC = ".$";

    static void check(JsonNode template, String location, Diagnostics out) {
        if (template.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey();
                if (key.endsWith(DYNAMIC)) {
                    dynamicField(template, key, field.getValue(), location, out);
                } else {
                    check(field.getValue(), location, out);
                }
            }
        } else if (template.isArray()) {
            template.forEach(element -> check(element, location, out));
        }
    }

    /** One {@code key.$} entry: the value must be a path or an intrinsic call. */
    static void dynamicField(JsonNode owner, String key, JsonNode value, String location, Diagnostics out) {
        if (!value.isTextual() || !PathRules.isPathOrIntrinsic(value.asText())) {
            out.schema("The value for the field '" + key
                    + "' must be a valid JSONPath or a valid intrinsic function call", location);
        }
        String stripped = key.substring(0, key.length() - DYNAMIC.length());
        if (owner.has(stripped)) {
            out.schema("The field '" + stripped + "' would be defined twice: '" + key
                    + "' is named '" + stripped + "' once its '.$' suffix is removed", location);
        }
    }

    private PayloadTemplates() {}
}
