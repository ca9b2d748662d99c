package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;
import java.util.HashSet;
import java.util.Set;

/** {@code States.ArrayUnique(array)}: duplicates (deep equality) removed, first occurrences kept in order. */
final class StatesArrayUnique extends IntrinsicFunction {

    StatesArrayUnique() {
        super("States.ArrayUnique", Signature.of(ArgType.ARRAY));
    }

    @Override
    JsonNode apply(Arguments args, Entropy entropy) {
        Set<JsonEquality.Key> seen = new HashSet<>();
        ArrayNode unique = Json.NODES.arrayNode();
        for (JsonNode element : args.array(0)) {
            if (seen.add(new JsonEquality.Key(element))) {
                unique.add(element);
            }
        }
        return unique;
    }
}
