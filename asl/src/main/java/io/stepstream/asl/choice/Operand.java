package io.stepstream.asl.choice;

import io.stepstream.asl.eval.Bindings;
import io.stepstream.asl.path.Path;
import java.util.Objects;

/** What a comparison compares against: a literal, or the value a {@code ...Path} selects. */
sealed interface Operand<T> permits Operand.Literal, Operand.Reference {

    /**
     * The operand's value, or null when a {@code ...Path} selected a value of another type.
     *
     * @throws io.stepstream.asl.errors.AslException States.Runtime when the path selects nothing
     */
    T resolve(ValueType<T> type, Bindings bindings);

    /** A literal checked and converted at compile time. */
    record Literal<T>(T value) implements Operand<T> {
        public Literal {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public T resolve(ValueType<T> type, Bindings bindings) {
            return value;
        }
    }

    /** The operand of a {@code ...Path} operator, read from the same bindings as the Variable. */
    record Reference<T>(Path path) implements Operand<T> {
        public Reference {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public T resolve(ValueType<T> type, Bindings bindings) {
            return type.read(DataTest.require(path, path.select(bindings)));
        }
    }
}
