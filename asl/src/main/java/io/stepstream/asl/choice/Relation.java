package io.stepstream.asl.choice;

/** How a comparison operator relates the selected value to its operand, named as ASL does. */
enum Relation {
    EQUALS("Equals"),
    LESS_THAN("LessThan"),
    GREATER_THAN("GreaterThan"),
    LESS_THAN_EQUALS("LessThanEquals"),
    GREATER_THAN_EQUALS("GreaterThanEquals");

    private final String suffix;

    Relation(String suffix) {
        this.suffix = suffix;
    }

    /** The end of the operator name: {@code Numeric} + {@code LessThan} (+ {@code Path}). */
    String suffix() {
        return suffix;
    }

    /** Whether the relation holds given the sign of {@code compare(value, operand)}. */
    boolean holds(int comparison) {
        return switch (this) {
            case EQUALS -> comparison == 0;
            case LESS_THAN -> comparison < 0;
            case GREATER_THAN -> comparison > 0;
            case LESS_THAN_EQUALS -> comparison <= 0;
            case GREATER_THAN_EQUALS -> comparison >= 0;
        };
    }
}
