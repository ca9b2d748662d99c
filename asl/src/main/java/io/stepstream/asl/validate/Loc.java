package io.stepstream.asl.validate;

/**
 * Builds AWS diagnostic locations: {@code /States/X/Field}, array elements as
 * {@code /Catch[0]}. The machine itself is the empty prefix and is shown as {@code /}.
 */
final class Loc {
    static final String ROOT = "";

    static String field(String base, String field) {
        return base + "/" + field;
    }

    static String index(String base, int index) {
        return base + "[" + index + "]";
    }

    /** How AWS prints a location that names an object rather than one of its fields. */
    static String of(String base) {
        return base.isEmpty() ? "/" : base;
    }

    private Loc() {}
}
