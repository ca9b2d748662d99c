package io.stepstream.asl.model;

import io.stepstream.asl.dataflow.Assign;
import io.stepstream.asl.dataflow.CatchOutput;
import java.util.List;

/**
 * One element of a state's Catch array.
 *
 * @param output how the Error Output becomes the state output (ResultPath or JSONata Output)
 * @param assign the catcher's Assign, evaluated instead of the state's; may be null
 */
public record Catcher(List<String> errorEquals, String next, CatchOutput output, Assign assign) {

    public Catcher {
        errorEquals = List.copyOf(errorEquals);
    }
}
