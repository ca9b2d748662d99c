package io.stepstream.asl.engine;

import io.stepstream.asl.model.State;

/** Gives one ASL state type its meaning. Handlers are stateless; the frame holds the progress. */
interface StateHandler<S extends State> {

    /**
     * Runs (or resumes, when {@code frame.resumption} is set) the state the frame is in.
     * Evaluation errors may be thrown as {@link io.stepstream.asl.errors.AslException}.
     */
    Outcome run(Frame frame, S state, Run run);
}
