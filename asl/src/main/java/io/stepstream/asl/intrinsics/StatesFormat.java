package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code States.Format(template, values...)}: each {@code {}} is replaced by the next value;
 * {@code \{}, {@code \}}, {@code \'} and {@code \\} stand for the character itself.
 */
final class StatesFormat extends IntrinsicFunction {

    StatesFormat() {
        super("States.Format", Signature.variadic(ArgType.ANY, ArgType.STRING));
    }

    @Override
    JsonNode apply(Arguments args, Entropy entropy) {
        String template = args.template(0);
        StringBuilder out = new StringBuilder(template.length());
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length() && "{}'\\".indexOf(template.charAt(i + 1)) >= 0) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw invalidArguments();
                }
                render(args.get(next++), out);
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw invalidArguments();
        }
        return Json.NODES.textNode(out.toString());
    }

    /**
     * Strings unquoted, other scalars as JSON, objects and arrays the way Java prints a Map or a
     * List ({@code {Arg1=1, Arg2=[]}}): AWS formats the Java objects it parsed the JSON into.
     */
    private static void render(JsonNode value, StringBuilder out) {
        if (value.isObject()) {
            out.append('{');
            String separator = "";
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                out.append(separator).append(field.getKey()).append('=');
                render(field.getValue(), out);
                separator = ", ";
            }
            out.append('}');
        } else if (value.isArray()) {
            out.append('[');
            for (Iterator<JsonNode> it = value.elements(); it.hasNext(); ) {
                render(it.next(), out);
                if (it.hasNext()) {
                    out.append(", ");
                }
            }
            out.append(']');
        } else {
            out.append(value.asText());
        }
    }
}
