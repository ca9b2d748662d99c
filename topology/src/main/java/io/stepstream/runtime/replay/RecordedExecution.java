package io.stepstream.runtime.replay;

import io.stepstream.schemas.avro.Command;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.StartExecution;
import io.stepstream.schemas.avro.TransitionBatch;
import java.util.ArrayList;
import java.util.List;

/** One selected execution as the topics hold it: its start, its later commands, its transitions and completion. */
final class RecordedExecution {
    final Command start;
    /** The start record's timestamp: the transitions of the start carry it. */
    final long startRecordTime;
    final List<Command> commands = new ArrayList<>();
    final List<TransitionBatch> batches = new ArrayList<>();
    Completion completion;

    RecordedExecution(Command start, long startRecordTime) {
        this.start = start;
        this.startRecordTime = startRecordTime;
    }

    String id() {
        return start.getExecutionId();
    }

    StartExecution startExecution() {
        return (StartExecution) start.getCommand();
    }
}
