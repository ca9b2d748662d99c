package io.stepstream.asl.intrinsics;

import java.util.List;

/**
 * The arguments a function takes: required ones, then optional ones, then (when {@code rest} is
 * not null) any number of further arguments of type {@code rest}.
 */
record Signature(List<ArgType> required, List<ArgType> optional, ArgType rest) {

    Signature {
        required = List.copyOf(required);
        optional = List.copyOf(optional);
    }

    static Signature of(ArgType... required) {
        return new Signature(List.of(required), List.of(), null);
    }

    static Signature variadic(ArgType rest, ArgType... required) {
        return new Signature(List.of(required), List.of(), rest);
    }

    Signature withOptional(ArgType... optionalTypes) {
        return new Signature(required, List.of(optionalTypes), rest);
    }

    boolean accepts(int count) {
        return count >= required.size() && (rest != null || count <= required.size() + optional.size());
    }

    /** The type of the argument at {@code index}; only valid when {@link #accepts} the count. */
    ArgType typeAt(int index) {
        if (index < required.size()) {
            return required.get(index);
        }
        int optionalIndex = index - required.size();
        return optionalIndex < optional.size() ? optional.get(optionalIndex) : rest;
    }

    /** "2 arguments", "2 to 3 arguments", "at least 1 argument". */
    String arity() {
        int min = required.size();
        int max = min + optional.size();
        if (rest != null) {
            return "at least " + plural(min);
        }
        return min == max ? plural(min) : min + " to " + plural(max);
    }

    private static String plural(int n) {
        return n + (n == 1 ? " argument" : " arguments");
    }
}
