package io.stepstream.asl.model;

/** AWS Step Functions' service limits that change what an execution does. */
public final class Limits {
    /** Input, output and result of a state, task or execution: 256 KiB of UTF-8. */
    public static final int PAYLOAD_BYTES = 262_144;

    private Limits() {}
}
