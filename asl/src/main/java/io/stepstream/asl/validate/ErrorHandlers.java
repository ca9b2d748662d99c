package io.stepstream.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/** Retry and Catch of Task, Parallel and Map states. */
final class ErrorHandlers {

    static final String ALL = "States.ALL";

    private static final Set<String> RETRIER_FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts",
            "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final Set<String> CATCHER_FIELDS =
            Set.of("ErrorEquals", "Next", "ResultPath", "Output", "Assign", "Comment");

    static void check(StateValidator s) {
        JsonNode retry = s.field("Retry");
        if (retry != null) {
            each(retry, s.at("Retry"), "Retrier", s, ErrorHandlers::retrier);
        }
        JsonNode catchers = s.field("Catch");
        if (catchers != null) {
            each(catchers, s.at("Catch"), "Catcher", s, ErrorHandlers::catcher);
        }
    }

    private interface Element {
        void check(JsonNode element, String location, StateValidator s);
    }

    private static void each(JsonNode array, String location, String kind, StateValidator s, Element element) {
        if (!array.isArray()) {
            s.out.expectedType("ARRAY", location);
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            String at = Loc.index(location, i);
            JsonNode entry = array.get(i);
            if (!entry.isObject()) {
                s.out.expectedType("OBJECT", at);
                continue;
            }
            element.check(entry, at, s);
            if (i < array.size() - 1 && containsAll(entry)) {
                s.out.schema("A " + kind + " whose 'ErrorEquals' contains '" + ALL + "' must be the last "
                        + kind, at);
            }
        }
    }

    private static void retrier(JsonNode retrier, String location, StateValidator s) {
        unsupported(retrier, RETRIER_FIELDS, location, s);
        errorEquals(retrier, location, s);
        number(retrier, "IntervalSeconds", location, s, 1, TaskRules.MAX_SECONDS);
        number(retrier, "MaxAttempts", location, s, 0, TaskRules.MAX_SECONDS);
        number(retrier, "MaxDelaySeconds", location, s, 1, 31_622_400L);
        JsonNode backoff = retrier.get("BackoffRate");
        if (backoff != null) {
            Numbers.decimal(backoff, Loc.field(location, "BackoffRate"), 1.0, null, s.out);
        }
        JsonNode jitter = retrier.get("JitterStrategy");
        if (jitter != null && !(jitter.isTextual() && Set.of("FULL", "NONE").contains(jitter.asText()))) {
            s.out.oneOfValues("JitterStrategy", Loc.field(location, "JitterStrategy"), "FULL", "NONE");
        }
    }

    private static void catcher(JsonNode catcher, String location, StateValidator s) {
        for (Iterator<String> fields = catcher.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!CATCHER_FIELDS.contains(field)) {
                s.out.notSupported(field, location);
            } else if (FieldRules.belongsToOtherLanguage(field, s.jsonata())) {
                s.out.schema(FieldRules.otherLanguage(field, s.jsonata()), location);
            }
        }
        errorEquals(catcher, location, s);
        JsonNode next = catcher.get("Next");
        if (next == null) {
            s.out.required(location, "Next");
        } else if (!next.isTextual()) {
            s.out.expectedType("STRING", Loc.field(location, "Next"));
        }
        JsonNode resultPath = catcher.get("ResultPath");
        if (resultPath != null && !s.jsonata() && !resultPath.isNull()) {
            PathRules.referencePath(resultPath, Loc.field(location, "ResultPath"), false, false, s.out);
        }
        JsonNode output = catcher.get("Output");
        if (output != null && s.jsonata()) {
            Jsonata.check(output, Loc.field(location, "Output"), s.out);
        }
        JsonNode assign = catcher.get("Assign");
        if (assign != null) {
            Assignments.check(assign, Loc.field(location, "Assign"), s.jsonata(), s.out);
        }
    }

    /** A non-empty array of error names; States.ALL only on its own. */
    private static void errorEquals(JsonNode handler, String location, StateValidator s) {
        JsonNode errors = handler.get("ErrorEquals");
        String at = Loc.field(location, "ErrorEquals");
        if (errors == null) {
            s.out.required(location, "ErrorEquals");
            return;
        }
        if (!errors.isArray()) {
            s.out.expectedType("ARRAY", at);
            return;
        }
        if (errors.isEmpty()) {
            s.out.empty(at);
            return;
        }
        for (int i = 0; i < errors.size(); i++) {
            if (!errors.get(i).isTextual()) {
                s.out.expectedType("STRING", Loc.index(at, i));
            }
        }
        if (errors.size() > 1 && containsAll(handler)) {
            s.out.schema("'" + ALL + "' must appear alone in 'ErrorEquals'", at);
        }
    }

    private static boolean containsAll(JsonNode handler) {
        for (JsonNode error : handler.path("ErrorEquals")) {
            if (error.isTextual() && error.asText().equals(ALL)) {
                return true;
            }
        }
        return false;
    }

    private static void number(JsonNode owner, String field, String location, StateValidator s, long min, long max) {
        JsonNode value = owner.get(field);
        if (value != null) {
            Numbers.integer(value, Loc.field(location, field), min, max, s.out);
        }
    }

    private static void unsupported(JsonNode owner, Set<String> allowed, String location, StateValidator s) {
        for (Iterator<String> fields = owner.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!allowed.contains(field)) {
                s.out.notSupported(field, location);
            }
        }
    }

    private ErrorHandlers() {}
}
