package io.stepstream.runtime.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.schemas.AvroSerde;
import io.stepstream.schemas.Samples;
import io.stepstream.schemas.avro.Command;
import io.stepstream.schemas.avro.Completion;
import io.stepstream.schemas.avro.ExecutionStatus;
import io.stepstream.schemas.avro.TimerFired;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Kafka Streams with exactly_once_v2 works on the test broker, with our Avro serdes. */
@ExtendWith(KafkaBrokerExtension.class)
class ExactlyOnceStreamsTest {
    private static final int RECORDS = 100;

    @Test
    void passesAHundredRecordsThroughATransactionalTopology(Broker broker, @TempDir Path stateDir) throws Exception {
        TopicNames names = new TopicNames("eos");
        AvroOverKafkaTest.createTopics(broker, names);
        AvroSerde<Command> commands = AvroSerde.forValues(Command.class, null);
        AvroSerde<Completion> completions = AvroSerde.forValues(Completion.class, null);
        Properties config = streamsConfig(broker, stateDir);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        builder.stream(names.commands(), Consumed.with(Serdes.String(), commands))
                .mapValues(command -> new Completion(command.getExecutionId(), "name", "machine",
                        ExecutionStatus.SUCCEEDED, "{}", null, null, command.getTimestamp(), command.getTimestamp()))
                .to(names.completions(), Produced.with(Serdes.String(), completions));

        try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
            streams.start();
            try (KafkaProducer<String, Command> producer = new KafkaProducer<>(Clients.producerConfig(broker),
                    new StringSerializer(), commands.serializer())) {
                IntStream.range(0, RECORDS).forEach(i -> producer.send(new ProducerRecord<>(names.commands(),
                        "exec-" + i, new Command("exec-" + i, null, Samples.T0, new TimerFired("t", Samples.T0)))));
            }

            List<ConsumerRecord<String, Completion>> read = Clients.readAll(broker, names.completions(), RECORDS,
                    new StringDeserializer(), completions.deserializer());

            assertEquals(RECORDS, read.size());
            Set<String> keys = read.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
            assertEquals(IntStream.range(0, RECORDS).mapToObj(i -> "exec-" + i).collect(Collectors.toSet()), keys);
            read.forEach(record -> assertEquals(record.key(), record.value().getExecutionId()));
            assertTrue(Files.isDirectory(stateDir));
            streams.close(Duration.ofSeconds(10));
        }
    }

    private static Properties streamsConfig(Broker broker, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "eos-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        return props;
    }
}
