package io.stepstream.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.eval.Bindings;
import io.stepstream.asl.path.Path;
import java.util.Objects;

/** A data-test expression: the value {@code Variable} selects, tested by one operator. */
record DataTest(Path variable, Operator operator) implements ChoiceRule {

    DataTest {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(operator, "operator");
    }

    @Override
    public boolean test(Bindings bindings) {
        JsonNode value = variable.select(bindings);
        if (operator instanceof IsPresent isPresent) {
            return isPresent.test(value);
        }
        return operator.test(require(variable, value), bindings);
    }

    /** {@code value}, or AWS's States.Runtime when the path selected nothing. */
    static JsonNode require(Path path, JsonNode value) {
        if (value == null) {
            throw AslException.runtime("Invalid path '" + path.text()
                    + "': The choice state's condition path references an invalid value.");
        }
        return value;
    }
}
