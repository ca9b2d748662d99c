package io.stepstream.asl.validate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.stepstream.asl.json.Json;

/**
 * Reads definition text the way AWS does: with Jackson, reporting a syntax error as
 * INVALID_JSON_DESCRIPTION with Jackson's message and a {@code [Source: ...]} location.
 */
final class DefinitionText {

    /** The one mapper, with the source text kept in error locations as AWS's older Jackson did. */
    private static final ObjectReader READER =
            Json.MAPPER.reader().with(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION);

    private static final String UNRECOGNIZED_TOKEN = "Unrecognized token '";

    /** The parsed text, or null after adding the parse error to {@code out}. */
    static JsonNode parse(String text, Diagnostics out) {
        try {
            return READER.readTree(text);
        } catch (JsonProcessingException e) {
            String location = describe(e);
            out.add(Codes.INVALID_JSON_DESCRIPTION, e.getOriginalMessage() + "\n at " + location, location);
            return null;
        }
    }

    /**
     * {@code [Source: (String)"..."; line: 1, column: 4]}. Jackson 2.x before 2.13 pointed an
     * unrecognized token's error at the character after the token, newer releases at its start;
     * AWS shows the older form, so the token length is added back.
     */
    private static String describe(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        if (location == null) {
            return "[Source: UNKNOWN]";
        }
        int column = location.getColumnNr();
        String message = e.getOriginalMessage();
        if (message.startsWith(UNRECOGNIZED_TOKEN)) {
            int end = message.indexOf("': ", UNRECOGNIZED_TOKEN.length());
            if (end > 0) {
                column += end - UNRECOGNIZED_TOKEN.length();
            }
        }
        return "[Source: " + location.sourceDescription() + "; line: " + location.getLineNr()
                + ", column: " + column + "]";
    }

    private DefinitionText() {}
}
