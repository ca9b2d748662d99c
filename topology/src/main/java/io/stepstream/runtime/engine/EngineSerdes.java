package io.stepstream.runtime.engine;

import io.stepstream.schemas.AvroSerde;
import io.stepstream.schemas.avro.Command;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.DeadLetter;
import io.stepstream.schemas.avro.Definition;
import io.stepstream.schemas.avro.ExecutionStateEnvelope;
import io.stepstream.schemas.avro.TaskRequest;
import io.stepstream.schemas.avro.TransitionBatch;
import java.util.Map;

/** The value serdes of every topic and store, configured alike (a schema registry or none). */
public record EngineSerdes(AvroSerde<Command> commands, AvroSerde<TransitionBatch> transitions,
                           AvroSerde<TaskRequest> tasks, AvroSerde<Completion> completions,
                           AvroSerde<DeadLetter> deadLetters, AvroSerde<Definition> definitions,
                           AvroSerde<ExecutionStateEnvelope> envelopes) {

    public static EngineSerdes of(Map<String, ?> config) {
        return new EngineSerdes(AvroSerde.of(Command.class, config, false),
                AvroSerde.of(TransitionBatch.class, config, false), AvroSerde.of(TaskRequest.class, config, false),
                AvroSerde.of(Completion.class, config, false), AvroSerde.of(DeadLetter.class, config, false),
                AvroSerde.of(Definition.class, config, false), AvroSerde.of(ExecutionStateEnvelope.class, config, false));
    }
}
