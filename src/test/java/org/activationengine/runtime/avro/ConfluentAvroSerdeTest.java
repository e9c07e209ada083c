package org.activationengine.runtime.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.activationengine.schema.ActivationCountDelta;
import org.activationengine.schema.ExperimentGroup;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.activationengine.schema.UserActivationStatus;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class ConfluentAvroSerdeTest {

    private static final String TOPIC = "product-events";
    private static final Instant OCCURRED_AT = Instant.parse("2024-05-01T10:15:30.123Z");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final Serde<ProductEvent> serde = ConfluentAvroSerde.forValue(ProductEvent.class, registry);

    @Test
    void shouldWriteTheConfluentWireLayoutByteForByte() {
        final SchemaRegistryClient fixedId = new SchemaRegistryClient() {
            @Override
            public int register(final String subject, final Schema schema) {
                return 0x01020304;
            }

            @Override
            public int idOf(final String subject, final Schema schema) {
                return 0x01020304;
            }

            @Override
            public Schema schemaById(final int id) {
                return ProductEvent.getClassSchema();
            }
        };
        final ProductEvent event = new ProductEvent("e1", "u1", "x", Instant.ofEpochMilli(1000), null);

        final byte[] bytes = ConfluentAvroSerde.forValue(ProductEvent.class, fixedId).serializer()
                .serialize(TOPIC, event);

        assertThat(bytes).containsExactly(
                0x00, 0x01, 0x02, 0x03, 0x04,  // magic byte, schema id big-endian
                0x04, 'e', '1',                // string: zig-zag length 2, then UTF-8
                0x04, 'u', '1',
                0x02, 'x',
                0xD0, 0x0F,                    // timestamp-millis 1000 as zig-zag varint 2000
                0x00);                         // union branch 0: properties is null
    }

    @Test
    void shouldReadBackWhatItWroteIncludingTimestampsAndMaps() {
        final ProductEvent event = new ProductEvent("e1", "u1", "project_created", OCCURRED_AT,
                Map.of("plan", "pro"));

        final ProductEvent read = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, event));

        assertThat(read).isEqualTo(event);
        assertThat(read.getOccurredAt()).isEqualTo(OCCURRED_AT);
    }

    @Test
    void shouldReadBackEnumsDatesAndOptionalTimestamps() {
        final ActivationCountDelta delta = new ActivationCountDelta("team-lead", ExperimentGroup.HOLDOUT,
                LocalDate.of(2024, 5, 1), 1, 0, 2);
        final UserActivationStatus status = new UserActivationStatus("u1", "team-lead", ExperimentGroup.TREATMENT,
                OCCURRED_AT, null, List.of("invite_sent"), "project_created", OCCURRED_AT.plusSeconds(60));
        final Serde<ActivationCountDelta> deltas = ConfluentAvroSerde.forValue(ActivationCountDelta.class, registry);
        final Serde<UserActivationStatus> statuses = ConfluentAvroSerde.forValue(UserActivationStatus.class,
                registry);

        assertThat(deltas.deserializer().deserialize("deltas", deltas.serializer().serialize("deltas", delta)))
                .isEqualTo(delta);
        assertThat(statuses.deserializer().deserialize("status", statuses.serializer().serialize("status", status)))
                .isEqualTo(status);
    }

    @Test
    void shouldNotLoadAClassThatTheWriterSchemaNamesUnlessAvroGeneratedIt() throws IOException {
        final Schema hostile = SchemaBuilder.record("ProcessBuilder").namespace("java.lang").fields()
                .requiredString("command").endRecord();
        final GenericRecord record = new GenericData.Record(hostile);
        record.put("command", "rm");
        final byte[] bytes = wire(registry.register("jobs-value", hostile), hostile, record);

        try (ConfluentAvroDeserializer<ProductEvent> byName = new ConfluentAvroDeserializer<>(null, registry,
                false, true)) {
            assertThatThrownBy(() -> byName.deserialize("jobs", bytes))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("'java.lang.ProcessBuilder', which is not a generated Avro class");
        }
    }

    @Test
    void shouldRegisterTheWriterSchemaUnderTheTopicNameStrategySubjects() {
        final ProductEvent event = new ProductEvent("e1", "u1", "x", OCCURRED_AT, null);

        serde.serializer().serialize(TOPIC, event);
        ConfluentAvroSerde.forKey(ProductEvent.class, registry).serializer().serialize("keyed", event);

        assertThat(registry.subjects()).containsExactly("keyed-key", "product-events-value");
        assertThat(registry.version("product-events-value", -1).schema()).isEqualTo(ProductEvent.getClassSchema());
    }

    @Test
    void shouldReadARecordWrittenWithAnOlderSchemaLackingAnOptionalField() throws IOException {
        final Schema older = SchemaBuilder.record("ProductEvent").namespace("org.activationengine.schema").fields()
                .requiredString("eventId").requiredString("userId").requiredString("name")
                .name("occurredAt").type(timestampMillis()).noDefault()
                .endRecord();
        final GenericRecord record = new GenericData.Record(older);
        record.put("eventId", "e1");
        record.put("userId", "u1");
        record.put("name", "invoice_sent");
        record.put("occurredAt", OCCURRED_AT.toEpochMilli());

        final ProductEvent read = serde.deserializer().deserialize(TOPIC,
                wire(registry.register("product-events-value", older), older, record));

        assertThat(read.getName()).isEqualTo("invoice_sent");
        assertThat(read.getOccurredAt()).isEqualTo(OCCURRED_AT);
        assertThat(read.getProperties()).isNull();
    }

    @Test
    void shouldIgnoreAFieldAddedByANewerWriter() throws IOException {
        final Schema newer = SchemaBuilder.record("SignupAnswer").namespace("org.activationengine.schema").fields()
                .requiredString("userId")
                .name("signedUpAt").type(timestampMillis()).noDefault()
                .requiredString("questionId").optionalString("answer")
                .name("attributes").type().optional().map().values().stringType()
                .name("channel").type().stringType().stringDefault("web")
                .endRecord();
        final GenericRecord record = new GenericData.Record(newer);
        record.put("userId", "u1");
        record.put("signedUpAt", OCCURRED_AT.toEpochMilli());
        record.put("questionId", "goal");
        record.put("answer", "team");
        record.put("channel", "mobile");

        final SignupAnswer read = ConfluentAvroSerde.forValue(SignupAnswer.class, registry).deserializer()
                .deserialize("signup-answers", wire(registry.register("signup-answers-value", newer), newer, record));

        assertThat(read).isEqualTo(new SignupAnswer("u1", OCCURRED_AT, "goal", "team", null));
    }

    @Test
    void shouldRejectAWriterSchemaThatCannotBeResolvedToTheReader() throws IOException {
        final Schema unrelated = SchemaBuilder.record("ProductEvent").namespace("org.activationengine.schema")
                .fields().requiredString("eventId").endRecord();
        final GenericRecord record = new GenericData.Record(unrelated);
        record.put("eventId", "e1");
        final int id = registry.register("product-events-value", unrelated);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, wire(id, unrelated, record)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'product-events'")
                .hasMessageContaining("schema id " + id);
    }

    @Test
    void shouldRejectDataThatIsNotInTheWireFormat() {
        final byte[] json = "{\"eventId\":\"e1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte 0x7b")
                .hasMessageContaining("topic 'product-events'")
                .hasMessageContaining("not in the Confluent wire format");
    }

    @Test
    void shouldRejectAnUnknownSchemaId() {
        final byte[] bytes = {0, 0, 0, 0x03, (byte) 0xE7, 0x02, 'x'};

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id 999 is unknown")
                .hasMessageContaining("topic 'product-events'");
    }

    @Test
    void shouldRejectDataShorterThanTheHeader() {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("3 bytes long")
                .hasMessageContaining("topic 'product-events'");
    }

    @Test
    void shouldRejectATruncatedPayload() {
        final byte[] whole = serde.serializer().serialize(TOPIC, event());
        final byte[] truncated = Arrays.copyOf(whole, whole.length - 4);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'product-events'")
                .hasMessageContaining("schema id 1")
                .hasMessageContaining("truncated");
    }

    @Test
    void shouldRejectACorruptPayload() {
        final byte[] whole = serde.serializer().serialize(TOPIC, event());
        final byte[] corrupt = Arrays.copyOf(whole, whole.length);
        Arrays.fill(corrupt, 5, corrupt.length, (byte) 0xFF);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, corrupt))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'product-events'")
                .hasMessageContaining("schema id 1");
    }

    @Test
    void shouldRejectBytesLeftAfterTheRecord() {
        final byte[] whole = serde.serializer().serialize(TOPIC, event());
        final byte[] padded = Arrays.copyOf(whole, whole.length + 3);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, padded))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("bytes left after the record written with schema id 1");
    }

    @Test
    void shouldRejectANullValueWhereARecordIsRequired() {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, null))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Null value where a ProductEvent is required on topic 'product-events'");
    }

    @Test
    void shouldReadNullAsNullForOptionalValuesAndKeys() {
        assertThat(ConfluentAvroSerde.forOptionalValue(ProductEvent.class, registry).deserializer()
                .deserialize(TOPIC, null)).isNull();
        assertThat(ConfluentAvroSerde.forKey(ProductEvent.class, registry).deserializer()
                .deserialize(TOPIC, null)).isNull();
    }

    @Test
    void shouldWriteNullAsNull() {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
    }

    @Test
    void shouldReportARecordMissingARequiredField() {
        final ProductEvent incomplete = new ProductEvent("e1", null, "x", OCCURRED_AT, null);

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, incomplete))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'org.activationengine.schema.ProductEvent'")
                .hasMessageContaining("topic 'product-events'");
    }

    @Test
    void shouldRefuseAnUnregisteredSchemaWhenAutoRegistrationIsOff() {
        final Serde<ProductEvent> lookupOnly = new ConfluentAvroSerde<>(ProductEvent.class, registry, false, false,
                true);

        assertThatThrownBy(() -> lookupOnly.serializer().serialize(TOPIC, event()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("subject 'product-events-value'")
                .hasMessageContaining("topic 'product-events'");
    }

    @Test
    void shouldUseARegisteredSchemaWhenAutoRegistrationIsOff() {
        final int id = registry.register("product-events-value", ProductEvent.getClassSchema());
        final Serde<ProductEvent> lookupOnly = new ConfluentAvroSerde<>(ProductEvent.class, registry, false, false,
                true);

        final byte[] bytes = lookupOnly.serializer().serialize(TOPIC, event());

        assertThat(bytes[4]).isEqualTo((byte) id);
        assertThat(registry.versions("product-events-value")).containsExactly(1);
    }

    @Test
    void shouldAskTheRegistryOnlyOncePerTopicAndSchemaId() {
        final CountingRegistry counting = new CountingRegistry(registry);
        final Serde<ProductEvent> cached = ConfluentAvroSerde.forValue(ProductEvent.class, counting);

        for (int i = 0; i < 3; i++) {
            cached.deserializer().deserialize(TOPIC, cached.serializer().serialize(TOPIC, event()));
        }

        assertThat(counting.registers).hasValue(1);
        assertThat(counting.fetches).hasValue(1);
    }

    @Test
    void shouldWorkWhenConfiguredByKafkaFromSettings() {
        final Map<String, Object> settings = Map.of(SchemaRegistrySettings.URL, "mock://serde-test");
        try (Serde<ProductEvent> writer = new ConfluentAvroSerde<>();
                Serde<ProductEvent> reader = new ConfluentAvroSerde<>()) {
            writer.configure(settings, false);
            reader.configure(settings, false);

            final ProductEvent read = reader.deserializer().deserialize(TOPIC,
                    writer.serializer().serialize(TOPIC, event()));

            assertThat(read).isEqualTo(event());
            assertThat(SchemaRegistryClients.inMemory("serde-test").subjects())
                    .containsExactly("product-events-value");
        } finally {
            SchemaRegistryClients.dropScope("serde-test");
        }
    }

    @Test
    void shouldHonourAutoRegistrationTurnedOffInTheSettings() {
        final Map<String, Object> settings = Map.of(SchemaRegistrySettings.URL, "mock://no-auto-register",
                SchemaRegistrySettings.AUTO_REGISTER_SCHEMAS, "false");
        try (Serde<ProductEvent> configured = new ConfluentAvroSerde<>()) {
            configured.configure(settings, false);

            assertThatThrownBy(() -> configured.serializer().serialize(TOPIC, event()))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("Cannot find the schema 'org.activationengine.schema.ProductEvent' under "
                            + "subject 'product-events-value'");
        } finally {
            SchemaRegistryClients.dropScope("no-auto-register");
        }
    }

    @Test
    void shouldKeepItsRegistryWhenKafkaConfiguresABuiltSerde() {
        serde.configure(Map.of(), true);

        serde.serializer().serialize(TOPIC, event());

        assertThat(registry.subjects()).containsExactly("product-events-value");
    }

    private static ProductEvent event() {
        return new ProductEvent("e1", "u1", "project_created", OCCURRED_AT, null);
    }

    private static Schema timestampMillis() {
        return org.apache.avro.LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    }

    private static byte[] wire(final int id, final Schema schema, final GenericRecord record) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(new byte[] {(byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
