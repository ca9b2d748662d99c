package io.stepstream.asl.jsonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The library's view of the Jackson trees: converted as read, given back as the same nodes. */
class JsonataValuesTest {

    private static JsonNode libraryResult(String expression, JsonataEnvironment env) {
        JsonataExpression compiled = JsonataExpression.compile(expression, false);
        return compiled.evaluate(env);
    }

    @Test
    void aSubtreeTheLibraryPassesThroughComesBackAsTheSameNode() {
        JsonataEnvironment env = Environments.input("{\"a\":[{\"k\":[1,\"x\",null,true,1.5]},{\"k\":2}]}");
        assertSame(env.input().get("a").get(0), libraryResult("$states.input.a[0]", env));
    }

    @Test
    void aSubtreeWhoseNumbersTheRoundTripRewritesIsRebuilt() {
        JsonataEnvironment env = Environments.input("{\"a\":[{\"n\":3.0},{\"n\":12}]}");
        JsonNode first = libraryResult("$states.input.a[0]", env);
        assertNotSame(env.input().get("a").get(0), first);
        assertEquals("{\"n\":3}", Json.write(first));
        assertEquals(Json.NODES.numberNode(3), first.get("n"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void viewsAreReadOnlyAndEqualToPlainCollections() {
        Object view = JsonataValues.toJava(Json.parse("{\"a\":[1,\"x\"],\"b\":{}}"));
        Map<?, ?> map = (Map<?, ?>) view;
        assertEquals(Map.of("a", List.of(1, "x"), "b", Map.of()), map);
        assertEquals(List.of("a", "b"), List.copyOf(map.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> ((Map<String, Object>) map).put("c", 1));
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) map.get("a")).set(0, 2));
    }
}
