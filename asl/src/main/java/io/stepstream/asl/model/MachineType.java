package io.stepstream.asl.model;

/** The two workflow types of Step Functions; fixed when a state machine is created. */
public enum MachineType {
    STANDARD,
    EXPRESS
}
