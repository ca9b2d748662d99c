package io.stepstream.asl.model;

/** The eight state types, with the prefix AWS uses for their history events. */
public enum StateType {
    TASK("Task"),
    PASS("Pass"),
    CHOICE("Choice"),
    WAIT("Wait"),
    SUCCEED("Succeed"),
    FAIL("Fail"),
    PARALLEL("Parallel"),
    MAP("Map");

    private final String aslName;

    StateType(String aslName) {
        this.aslName = aslName;
    }

    public String aslName() {
        return aslName;
    }

    public static StateType fromAsl(String name) {
        for (StateType t : values()) {
            if (t.aslName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
