package io.stepstream.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The QueryLanguage field of the machine or of a state. AWS-measured: only the exact string
 * "JSONPath" selects JSONPath; absent, a state inherits the machine's language (never its
 * enclosing Map's or Parallel's); any other value selects JSONata and is also reported.
 */
final class QueryLanguages {

    static final String JSONPATH = "JSONPath";
    static final String JSONATA = "JSONata";

    /**
     * Whether the owner at {@code location} is in JSONata mode; reports a malformed value.
     * {@code inherited} is the language of an owner that declares none.
     */
    static boolean declared(JsonNode owner, String location, boolean inherited, Diagnostics out) {
        JsonNode value = owner.get("QueryLanguage");
        if (value == null) {
            return inherited;
        }
        String fieldLocation = Loc.field(location, "QueryLanguage");
        if (!value.isTextual()) {
            out.expectedType("STRING", fieldLocation);
        } else if (!value.asText().equals(JSONPATH) && !value.asText().equals(JSONATA)) {
            out.schema("Value should be one of the following: [" + JSONPATH + ", " + JSONATA + "]", fieldLocation);
        }
        return !isJsonPath(owner);
    }

    /** Whether the owner declares exactly "JSONPath". */
    static boolean isJsonPath(JsonNode owner) {
        JsonNode value = owner.get("QueryLanguage");
        return value != null && value.isTextual() && value.asText().equals(JSONPATH);
    }

    private QueryLanguages() {}
}
