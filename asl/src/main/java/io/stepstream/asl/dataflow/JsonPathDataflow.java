package io.stepstream.asl.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.errors.ErrorNames;
import io.stepstream.asl.eval.Environment;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.path.Path;
import io.stepstream.asl.path.PayloadTemplate;
import io.stepstream.asl.path.ReferencePath;
import java.util.Map;

/**
 * The JSONPath data flow (spec "Input and Output Processing"): InputPath, Parameters,
 * ResultSelector, ResultPath, OutputPath. Every field may be absent; InputPath and OutputPath may
 * be null (meaning {@code {}}) and ResultPath may be null (meaning "discard the result").
 */
public record JsonPathDataflow(PathField inputPath, PayloadTemplate parameters, PayloadTemplate resultSelector,
                               ResultPathField resultPath, PathField outputPath) implements Dataflow {

    /** InputPath or OutputPath: absent ({@code $}), explicitly null, or a path. */
    public record PathField(Path path, boolean isNull) {
        public static final PathField ROOT = new PathField(null, false);
        public static final PathField NULL = new PathField(null, true);

        JsonNode apply(JsonNode data, Environment env) {
            if (isNull) {
                return Json.NODES.objectNode();
            }
            if (path == null) {
                return data;
            }
            var bindings = env.bindings(data);
            JsonNode selected = path.select(bindings);
            if (selected == null) {
                throw AslException.runtime("Invalid path '" + path.text() + "' : " + path.explainMiss(bindings));
            }
            return selected;
        }
    }

    /** ResultPath: absent ({@code $}), explicitly null (keep the input), or a reference path. */
    public record ResultPathField(ReferencePath path, boolean isNull) {
        public static final ResultPathField ROOT = new ResultPathField(null, false);
        public static final ResultPathField NULL = new ResultPathField(null, true);

        /** Places {@code result} into {@code rawInput}. */
        public JsonNode apply(JsonNode rawInput, JsonNode result) {
            if (isNull) {
                return rawInput;
            }
            if (path == null || path.isRoot()) {
                return result;
            }
            JsonNode out = path.write(rawInput, result);
            if (out == null) {
                throw new AslException(ErrorNames.RESULT_PATH_MATCH_FAILURE,
                        "Unable to apply ResultPath '" + path.text() + "' to input '" + Json.write(rawInput) + "'");
            }
            return out;
        }
    }

    public static final JsonPathDataflow IDENTITY =
            new JsonPathDataflow(PathField.ROOT, null, null, ResultPathField.ROOT, PathField.ROOT);

    @Override
    public JsonNode input(JsonNode rawInput, Environment env) {
        JsonNode afterInputPath = inputPath.apply(rawInput, env);
        return parameters == null ? afterInputPath : parameters.evaluate(env.bindings(afterInputPath), env.entropy());
    }

    @Override
    public void inspect(JsonNode rawInput, JsonNode result, Environment env, Map<String, JsonNode> into) {
        JsonNode afterInputPath = inputPath.apply(rawInput, env);
        into.put("afterInputPath", afterInputPath);
        into.put("afterParameters", parameters == null ? afterInputPath
                : parameters.evaluate(env.bindings(afterInputPath), env.entropy()));
        if (result != null) {
            JsonNode selected = resultSelector == null ? result
                    : resultSelector.evaluate(env.bindings(result), env.entropy());
            into.put("afterResultSelector", selected);
            into.put("afterResultPath", resultPath.apply(rawInput, selected));
        }
    }

    @Override
    public JsonNode output(JsonNode rawInput, JsonNode result, Environment env) {
        JsonNode selected = resultSelector == null ? result : resultSelector.evaluate(env.bindings(result), env.entropy());
        JsonNode combined = resultPath.apply(rawInput, selected);
        return outputPath.apply(combined, env);
    }
}
