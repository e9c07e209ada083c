package org.activationengine.runtime.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void shouldReturnTheSameIdWhenTheSameSchemaIsRegisteredAgain() {
        final int first = registry.register("product-events-value", ProductEvent.getClassSchema());
        final int again = registry.register("product-events-value", new Schema.Parser()
                .parse(ProductEvent.getClassSchema().toString()));

        assertThat(first).isEqualTo(1);
        assertThat(again).isEqualTo(first);
        assertThat(registry.versions("product-events-value")).containsExactly(1);
    }

    @Test
    void shouldShareTheGlobalIdOfASchemaAcrossSubjects() {
        final int first = registry.register("product-events-value", ProductEvent.getClassSchema());
        final int other = registry.register("replayed-events-value", ProductEvent.getClassSchema());

        assertThat(other).isEqualTo(first);
        assertThat(registry.subjects()).containsExactly("product-events-value", "replayed-events-value");
    }

    @Test
    void shouldAddVersionsWithNewIdsForChangedSchemas() {
        final Schema v1 = SchemaBuilder.record("Thing").fields().requiredString("a").endRecord();
        final Schema v2 = SchemaBuilder.record("Thing").fields().requiredString("a").optionalString("b").endRecord();

        final int id1 = registry.register("things-value", v1);
        final int id2 = registry.register("things-value", v2);

        assertThat(id2).isEqualTo(id1 + 1);
        assertThat(registry.versions("things-value")).containsExactly(1, 2);
        assertThat(registry.version("things-value", -1)).isEqualTo(new RegisteredSchema("things-value", 2, id2, v2));
        assertThat(registry.lookup("things-value", v1).version()).isEqualTo(1);
        assertThat(registry.schemaById(id1)).isEqualTo(v1);
    }

    @Test
    void shouldReportAnUnknownIdAsNotFound() {
        assertThatThrownBy(() -> registry.schemaById(42))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND))
                .hasMessageContaining("Schema id 42 is unknown");
    }

    @Test
    void shouldReportALookupOfAnUnregisteredSchemaAsNotFound() {
        registry.register("product-events-value", ProductEvent.getClassSchema());

        assertThatThrownBy(() -> registry.idOf("product-events-value", SignupAnswer.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND))
                .hasMessageContaining("subject 'product-events-value'");
        assertThatThrownBy(() -> registry.idOf("nothing-value", SignupAnswer.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND))
                .hasMessageContaining("Subject 'nothing-value' does not exist");
    }

    @Test
    void shouldGiveOneIdWhenManyThreadsRegisterTheSameSchema() throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            final List<Callable<Integer>> tasks = IntStream.range(0, 40)
                    .<Callable<Integer>>mapToObj(i -> () -> registry.register("s" + (i % 4),
                            ProductEvent.getClassSchema()))
                    .toList();

            final List<Integer> ids = pool.invokeAll(tasks).stream().map(InMemorySchemaRegistryTest::get).toList();

            assertThat(ids).containsOnly(1);
            assertThat(registry.subjects()).containsExactly("s0", "s1", "s2", "s3");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldShareOneRegistryPerMockScope() {
        try {
            final SchemaRegistryClient first = SchemaRegistryClients.forUrl("mock://scope-a", Map.of());
            final SchemaRegistryClient again = SchemaRegistryClients.fromSettings(
                    Map.of(SchemaRegistrySettings.URL, "mock://scope-a"));
            final SchemaRegistryClient other = SchemaRegistryClients.forUrl("mock://scope-b", Map.of());

            final int id = first.register("product-events-value", ProductEvent.getClassSchema());

            assertThat(again).isSameAs(first);
            assertThat(again.schemaById(id)).isEqualTo(ProductEvent.getClassSchema());
            assertThat(other).isNotSameAs(first);
            assertThatThrownBy(() -> other.schemaById(id)).isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("'mock://scope-b'");
        } finally {
            SchemaRegistryClients.dropScope("scope-a");
            SchemaRegistryClients.dropScope("scope-b");
        }
    }

    @Test
    void shouldChooseARestClientForHttpUrlsAndRejectAMissingUrl() {
        assertThat(SchemaRegistryClients.forUrl("http://127.0.0.1:1", Map.of()))
                .isInstanceOf(RestSchemaRegistryClient.class);
        assertThatThrownBy(() -> SchemaRegistryClients.fromSettings(Map.of()))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("'schema.registry.url'");
        assertThatThrownBy(() -> SchemaRegistryClients.forUrl("ftp://registry", Map.of()))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("http(s)://host:port");
    }

    private static Integer get(final Future<Integer> future) {
        try {
            return future.get();
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
