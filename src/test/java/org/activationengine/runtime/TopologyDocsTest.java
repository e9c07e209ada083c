package org.activationengine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** The committed topology docs are what the code produces; run {@code describe-topology} after a change. */
class TopologyDocsTest {

    private static final Path DOCS = Path.of("topology-docs");
    private static final Path PLAYBOOK = Path.of("examples/playbook.yaml");

    @Test
    void shouldMatchTheCommittedTopologyDescription() throws IOException {
        final TopologyDescription description = TopologyDocs.describe(PLAYBOOK);

        assertThat(Files.readString(DOCS.resolve("topology.txt")))
                .as("topology-docs/topology.txt is stale: run 'activation-engine describe-topology'")
                .isEqualTo(description.toString());
    }

    @Test
    void shouldMatchTheCommittedDiagram() throws IOException {
        final String readme = Files.readString(DOCS.resolve("README.md"));

        assertThat(readme).as("topology-docs/README.md diagram is stale: run 'activation-engine describe-topology'")
                .isEqualTo(TopologyDocs.withGeneratedBlock(readme,
                        TopologyDocs.mermaid(TopologyDocs.describe(PLAYBOOK))));
    }

    @Test
    void shouldNameEveryStoreAndInternalTopicExplicitly() {
        final String description = TopologyDocs.describe(PLAYBOOK).toString();

        assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-")
                .contains("user-activation-store", "activation-timer-store", "seen-events-store",
                        "persona-counts-store", "events-by-user-repartition", "count-deltas-by-persona-repartition");
    }
}
