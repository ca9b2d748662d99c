package io.stepstream.asl.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "null", "true", "-0", "1.5", "1e300", "123456789012345678901234567890",
            "0.1", "-2.5E-7", "\"\"", "\"a\\\"b\\\\c\\n\\t\\u0001\\u001f\"", "\"héllo €𝄞\"",
            "{\"a\":[1,{\"b\":null}],\"ü\":\"x\"}", "[[],[{}],\"\\r\\b\\f\"]"})
    void byteSizeCountsExactlyWhatWriteProduces(String text) {
        var node = Json.parse(text);
        assertEquals(Json.write(node).getBytes(StandardCharsets.UTF_8).length, Json.byteSize(node), text);
    }
}
