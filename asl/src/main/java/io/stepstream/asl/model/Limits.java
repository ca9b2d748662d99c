package io.stepstream.asl.model;

/** AWS Step Functions' service limits that change what an execution does. */
public final class Limits {
    /** Input, output and result of a state, task or execution: 256 KiB of UTF-8. */
    public static final int PAYLOAD_BYTES = 262_144;
    /** One workflow variable. */
    public static final int VARIABLE_BYTES = 262_144;
    /** All the values one Assign block sets. */
    public static final int ASSIGN_BYTES = 262_144;
    /** All the variables an execution holds at once. */
    public static final int EXECUTION_VARIABLE_BYTES = 10 * 1024 * 1024;

    private Limits() {}
}
