package io.stepstream.asl.validate;

/** AWS's diagnostic codes (ValidateStateMachineDefinition API reference). */
final class Codes {
    static final String INVALID_JSON_DESCRIPTION = "INVALID_JSON_DESCRIPTION";
    static final String SCHEMA_VALIDATION_FAILED = "SCHEMA_VALIDATION_FAILED";
    static final String MISSING_TRANSITION_TARGET = "MISSING_TRANSITION_TARGET";
    static final String MISSING_END_STATE = "MISSING_END_STATE";
    static final String DUPLICATE_STATE_NAME = "DUPLICATE_STATE_NAME";
    static final String INVALID_STATE_NAME = "INVALID_STATE_NAME";
    static final String DUPLICATE_LABEL_NAME = "DUPLICATE_LABEL_NAME";
    static final String INVALID_LABEL_NAME = "INVALID_LABEL_NAME";
    static final String INVALID_JSONATA_EXPRESSION = "INVALID_JSONATA_EXPRESSION";
    static final String UNSUPPORTED_JSONATA_EXPRESSION = "UNSUPPORTED_JSONATA_EXPRESSION";

    private Codes() {}
}
