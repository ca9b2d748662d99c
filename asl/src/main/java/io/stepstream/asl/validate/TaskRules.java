package io.stepstream.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;

/** Task states: Resource, timeouts and heartbeats, Credentials, and the Express restrictions. */
final class TaskRules {

    static final long MAX_SECONDS = 99_999_999L;

    static void check(StateValidator s) {
        resource(s);
        timer(s, "TimeoutSeconds");
        timer(s, "HeartbeatSeconds");
        heartbeatBelowTimeout(s);
        credentials(s);
    }

    private static void resource(StateValidator s) {
        JsonNode resource = s.state.get("Resource");
        if (resource == null) {
            s.out.required(s.location, "Resource");
            return;
        }
        if (!resource.isTextual()) {
            s.out.expectedType("STRING", s.at("Resource"));
            return;
        }
        Resources.Resource recognised = Resources.recognise(resource.asText());
        if (recognised == null) {
            s.out.schema(Resources.notRecognised(resource.asText()), s.at("Resource"));
        } else if (s.express) {
            express(recognised, s);
        }
    }

    /** Express workflows run request-response integrations only (AWS-recorded wording). */
    private static void express(Resources.Resource resource, StateValidator s) {
        if (resource.isSync()) {
            s.out.schema("Express state machine does not support '.sync' service integration ", s.at("Resource"));
        } else if (resource.isCallback()) {
            s.out.schema("Express state machine does not support '.waitForTaskToken' service integration ",
                    s.at("Resource"));
        } else if (resource.kind() == Resources.Kind.ACTIVITY) {
            s.out.schema("Express state machine does not support Activity ARN", s.at("Resource"));
        }
    }

    /** TimeoutSeconds / HeartbeatSeconds and their Path variants. */
    private static void timer(StateValidator s, String field) {
        String pathField = field + "Path";
        s.exclusive(field, pathField);
        JsonNode literal = s.field(field);
        if (literal != null) {
            Values.integer(literal, s.at(field), s.jsonata(), 1, MAX_SECONDS, s.out);
        }
        JsonNode path = s.field(pathField);
        if (path != null) {
            PathRules.referencePath(path, s.at(pathField), false, true, s.out);
        }
    }

    private static void heartbeatBelowTimeout(StateValidator s) {
        JsonNode timeout = s.field("TimeoutSeconds");
        JsonNode heartbeat = s.field("HeartbeatSeconds");
        if (timeout != null && heartbeat != null && Numbers.isInteger(timeout) && Numbers.isInteger(heartbeat)
                && heartbeat.decimalValue().compareTo(timeout.decimalValue()) >= 0) {
            s.out.schema("The field 'HeartbeatSeconds' must be smaller than the field 'TimeoutSeconds'",
                    s.at("HeartbeatSeconds"));
        }
    }

    /** Credentials is an object with RoleArn (JSONPath: or RoleArn.$). */
    private static void credentials(StateValidator s) {
        JsonNode credentials = s.state.get("Credentials");
        if (credentials == null) {
            return;
        }
        String location = s.at("Credentials");
        if (!credentials.isObject()) {
            s.out.expectedType("OBJECT", location);
            return;
        }
        boolean dynamic = !s.jsonata() && credentials.has("RoleArn.$");
        if (!credentials.has("RoleArn") && !dynamic) {
            s.out.schema("The field 'RoleArn' is required but was missing", location);
        }
        if (s.jsonata()) {
            JsonNode roleArn = credentials.get("RoleArn");
            if (roleArn != null) {
                Values.string(roleArn, Loc.field(location, "RoleArn"), true, s.out);
            }
        } else {
            PayloadTemplates.check(credentials, location, s.out);
        }
    }

    private TaskRules() {}
}
