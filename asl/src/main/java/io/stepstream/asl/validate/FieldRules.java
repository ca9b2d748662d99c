package io.stepstream.asl.validate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which fields each state type accepts (ASL spec tables, AWS-measured: TimeoutSeconds on Task
 * only, Retry/Catch on Task/Parallel/Map only), and which belong to one query language.
 */
final class FieldRules {

    /** State types in the order AWS lists them in its Type diagnostic. */
    static final List<String> TYPES = List.of("Task", "Wait", "Pass", "Succeed", "Fail", "Choice", "Parallel", "Map");

    private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
    private static final Set<String> FLOW = Set.of("Next", "End");
    private static final Set<String> IO = Set.of("InputPath", "OutputPath", "Output");
    private static final Set<String> RESULT = Set.of("Parameters", "ResultSelector", "ResultPath", "Assign",
            "Retry", "Catch");

    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "Task", union(COMMON, FLOW, IO, RESULT, Set.of("Resource", "Arguments", "Credentials",
                    "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath")),
            "Parallel", union(COMMON, FLOW, IO, RESULT, Set.of("Branches", "Arguments")),
            "Map", union(COMMON, FLOW, IO, RESULT, Set.of("ItemProcessor", "Iterator", "ItemsPath", "Items",
                    "ItemSelector", "ItemReader", "ItemBatcher", "ResultWriter", "MaxConcurrency",
                    "MaxConcurrencyPath", "ToleratedFailureCount", "ToleratedFailureCountPath",
                    "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "Label")),
            "Pass", union(COMMON, FLOW, IO, Set.of("Parameters", "ResultPath", "Result", "Assign")),
            "Wait", union(COMMON, FLOW, IO, Set.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath", "Assign")),
            "Choice", union(COMMON, IO, Set.of("Choices", "Default", "Assign")),
            "Succeed", union(COMMON, IO),
            "Fail", union(COMMON, Set.of("Error", "ErrorPath", "Cause", "CausePath")));

    /** Fields only JSONPath states accept. */
    static final Set<String> JSONPATH_ONLY = Set.of("InputPath", "OutputPath", "Parameters", "ResultSelector",
            "ResultPath", "Result", "ItemsPath", "MaxConcurrencyPath", "ToleratedFailureCountPath",
            "ToleratedFailurePercentagePath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "SecondsPath",
            "TimestampPath", "ErrorPath", "CausePath", "MaxItemsPath", "MaxItemsPerBatchPath",
            "MaxInputBytesPerBatchPath", "Variable");

    /** Fields only JSONata states accept. */
    static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items", "Condition");

    static boolean isType(String type) {
        return ALLOWED.containsKey(type);
    }

    static boolean allows(String type, String field) {
        return ALLOWED.get(type).contains(field);
    }

    /** Whether {@code field} belongs to the other query language than the state's. */
    static boolean belongsToOtherLanguage(String field, boolean jsonata) {
        return jsonata ? JSONPATH_ONLY.contains(field) : JSONATA_ONLY.contains(field);
    }

    /** AWS's message for a field of the other query language, reported at the state. */
    static String otherLanguage(String field, boolean jsonata) {
        return jsonata
                ? "The QueryLanguage is set to 'JSONata', but field '" + field
                        + "' is only supported for the 'JSONPath' QueryLanguage"
                : "The QueryLanguage is set to 'JSONPath', but field '" + field
                        + "' is only supported for the 'JSONata' QueryLanguage";
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        return Stream.of(sets).flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());
    }

    private FieldRules() {}
}
