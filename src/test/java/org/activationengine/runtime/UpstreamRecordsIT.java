package org.activationengine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.activationengine.schema.ExperimentGroup;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.UserActivationStatus;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that the engine copes with what upstream producers really send: unreadable records go to the dead-letter
 * topic with Kafka Streams' error headers while the records after them are processed, a record keyed by the wrong
 * user reaches the user its payload names, and an event written with an older schema still counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpstreamRecordsIT {

    /** {@code ProductEvent} as an older producer wrote it, before the optional {@code properties} field. */
    private static final Schema PRODUCT_EVENT_V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "ProductEvent", "namespace": "org.activationengine.schema",
             "fields": [
               {"name": "eventId", "type": "string"},
               {"name": "userId", "type": "string"},
               {"name": "name", "type": "string"},
               {"name": "occurredAt", "type": {"type": "long", "logicalType": "timestamp-millis"}}
             ]}""");
    private static final String UNKNOWN_SCHEMA_ID_USER = "poisoned";

    private final Instant start = InputProducer.startOfStory();
    private final String steady = "steady";
    private final String routed = "routed";
    private final String legacy = "legacy";

    private EngineTestbed testbed;
    private OutputRecords outputs;
    private List<BadRecord> badRecords;
    private int currentSchemaId;
    private int olderSchemaId;

    /** A record the engine cannot read, and where it landed. */
    private record BadRecord(String key, byte[] value, RecordMetadata landed) {
    }

    @BeforeAll
    void sendTheRecords(@TempDir final Path stateDir) throws IOException {
        testbed = EngineTestbed.create("upstream", EngineTestbed.TEST_PLAYBOOK, stateDir);
        testbed.start();
        outputs = testbed.outputs();
        try (InputProducer inputs = testbed.inputs()) {
            inputs.signup(steady, "Coordinate my team", start);
            inputs.signup(routed, "Coordinate my team", start);
            inputs.signup(legacy, "Just exploring", start);
            outputs.eventually(read -> assertThat(read.status(legacy)).isPresent());

            final String events = testbed.topics().events();
            final byte[] garbage = "not an avro record at all".getBytes(StandardCharsets.UTF_8);
            final byte[] unknownSchema = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();
            badRecords = List.of(
                    new BadRecord(steady, garbage, inputs.raw(events, steady, garbage)),
                    new BadRecord(UNKNOWN_SCHEMA_ID_USER, unknownSchema,
                            inputs.raw(events, UNKNOWN_SCHEMA_ID_USER, unknownSchema)),
                    new BadRecord(steady, null, inputs.raw(events, steady, null)));

            inputs.event(steady, "project_created", start.plus(Duration.ofHours(1)));
            inputs.event("not-" + routed, InputProducer.productEvent(routed, "project_created",
                    start.plus(Duration.ofHours(2))));
            final String subject = events + "-value";
            olderSchemaId = testbed.registry().register(subject, PRODUCT_EVENT_V1);
            currentSchemaId = testbed.registry().idOf(subject, ProductEvent.getClassSchema());
            inputs.raw(events, legacy, olderEvent(olderSchemaId, legacy, start.plus(Duration.ofHours(3))));
        }
    }

    @AfterAll
    void stop() {
        if (outputs != null) {
            outputs.close();
        }
        if (testbed != null) {
            testbed.close();
        }
    }

    @Test
    void shouldDeadLetterUnreadableRecordsWithTheStreamsErrorHeaders() {
        outputs.eventually(read -> assertThat(read.deadLetters()).hasSize(badRecords.size()));

        final List<ConsumerRecord<byte[], byte[]>> deadLetters = outputs.deadLetters();
        for (int i = 0; i < badRecords.size(); i++) {
            final BadRecord bad = badRecords.get(i);
            final ConsumerRecord<byte[], byte[]> dead = deadLetters.get(i);
            assertThat(dead.key()).asString(StandardCharsets.UTF_8).isEqualTo(bad.key());
            assertThat(dead.value()).isEqualTo(bad.value());
            assertThat(header(dead, "__streams.errors.exception")).isEqualTo(SerializationException.class.getName());
            assertThat(header(dead, "__streams.errors.message")).contains(testbed.topics().events());
            assertThat(header(dead, "__streams.errors.stacktrace")).contains(SerializationException.class.getName());
            assertThat(header(dead, "__streams.errors.topic")).isEqualTo(bad.landed().topic());
            assertThat(header(dead, "__streams.errors.partition")).isEqualTo(String.valueOf(bad.landed().partition()));
            assertThat(header(dead, "__streams.errors.offset")).isEqualTo(String.valueOf(bad.landed().offset()));
        }
        assertThat(header(deadLetters.get(0), "__streams.errors.message")).contains("magic byte");
        assertThat(header(deadLetters.get(1), "__streams.errors.message")).contains("schema id 987654 is unknown");
        assertThat(header(deadLetters.get(2), "__streams.errors.message")).contains("Null value");
    }

    @Test
    void shouldProcessTheRecordsThatFollowUnreadableOnes() {
        outputs.eventually(read -> {
            assertThat(read.status(steady)).get().satisfies(status -> {
                assertThat(status.getCompletedSteps()).containsExactly("create-project");
                assertThat(status.getNextStep()).isEqualTo("invite-teammate");
            });
            assertThat(read.commandsFor(steady, "step:invite-teammate")).singleElement()
                    .satisfies(tip -> assertThat(tip.getTemplate()).isEqualTo("tip-invite-teammate"));
        });
    }

    @Test
    void shouldGiveAnEventKeyedByAnotherUserToTheUserItNames() {
        outputs.eventually(read -> assertThat(read.status(routed)).get()
                .satisfies(status -> assertThat(status.getCompletedSteps()).containsExactly("create-project")));

        assertThat(outputs.drain().status("not-" + routed)).isEmpty();
        assertThat(outputs.commandsFor(routed, "step:invite-teammate")).hasSize(1);
        assertThat(outputs.deadLetters()).noneSatisfy(dead -> assertThat(dead.key())
                .asString(StandardCharsets.UTF_8).isEqualTo("not-" + routed));
    }

    @Test
    void shouldCountAnEventWrittenWithAnOlderSchema() {
        assertThat(olderSchemaId).isNotEqualTo(currentSchemaId);

        outputs.eventually(read -> {
            assertThat(read.status(legacy).map(UserActivationStatus::getActivatedAt))
                    .contains(start.plus(Duration.ofHours(3)));
            assertThat(read.counts("explorer", ExperimentGroup.TREATMENT, LocalDate.ofInstant(start, ZoneOffset.UTC)))
                    .get().satisfies(counts -> assertThat(counts.getActivated()).isEqualTo(1));
        });
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        assertThat(header).as("header '%s'", name).isNotNull();
        return header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] olderEvent(final int schemaId, final String userId, final Instant at) throws IOException {
        final GenericRecord event = new GenericData.Record(PRODUCT_EVENT_V1);
        event.put("eventId", UUID.randomUUID().toString());
        event.put("userId", userId);
        event.put("name", "project_created");
        event.put("occurredAt", at.toEpochMilli());

        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(PRODUCT_EVENT_V1).write(event, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
