package org.activationengine.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import org.activationengine.engine.ActivationTopology;
import org.activationengine.engine.EngineObserver;
import org.activationengine.engine.EngineOptions;
import org.activationengine.engine.EngineTopics;
import org.activationengine.engine.InternalEngineSerdes;
import org.activationengine.playbook.PlaybookReader;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Generates the topology documentation: {@code topology.txt} (Kafka Streams' {@code describe()} of the production
 * topology) and the Mermaid diagram between the generated-block markers of {@code README.md}. A test fails when
 * the committed files differ from what this produces.
 */
public final class TopologyDocs {

    /** Start of the generated block in the docs README. */
    public static final String BEGIN = "<!-- BEGIN GENERATED: activation-engine describe-topology -->";
    /** End of the generated block in the docs README. */
    public static final String END = "<!-- END GENERATED -->";

    private TopologyDocs() {
    }

    /**
     * @param playbook the playbook the topology is built from
     * @return the production topology's description
     */
    public static TopologyDescription describe(final Path playbook) {
        return new ActivationTopology(PlaybookReader.read(playbook), EngineTopics.defaults(),
                EngineOptions.defaults(), new InternalEngineSerdes(), EngineObserver.NONE).build().describe();
    }

    /**
     * @param description a topology description
     * @return a Mermaid flowchart of its sources, processors, stores and sinks
     */
    public static String mermaid(final TopologyDescription description) {
        final StringBuilder text = new StringBuilder("```mermaid\nflowchart LR\n");
        final Set<String> stores = new TreeSet<>();
        final Set<String> edges = new LinkedHashSet<>();
        for (final TopologyDescription.Subtopology sub : description.subtopologies()) {
            text.append("  subgraph sub").append(sub.id()).append("[\"sub-topology ").append(sub.id()).append("\"]\n");
            for (final TopologyDescription.Node node : sub.nodes()) {
                text.append("    ").append(id(node.name())).append(shape(node)).append('\n');
                node.successors().forEach(next -> edges.add(id(node.name()) + " --> " + id(next.name())));
                if (node instanceof TopologyDescription.Source source) {
                    source.topicSet().forEach(topic -> edges.add(topicId(topic) + " --> " + id(node.name())));
                    source.topicSet().forEach(topic -> stores.add("T:" + topic));
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    edges.add(id(node.name()) + " --> " + topicId(sink.topic()));
                    stores.add("T:" + sink.topic());
                } else if (node instanceof TopologyDescription.Processor processor) {
                    processor.stores().forEach(store -> edges.add(id(node.name()) + " -.- " + storeId(store)));
                    processor.stores().forEach(store -> stores.add("S:" + store));
                }
            }
            text.append("  end\n");
        }
        for (final String entry : stores) {
            final String name = entry.substring(2);
            text.append("  ").append(entry.startsWith("T:") ? topicId(name) + "[/\"" + name + "\"/]"
                    : storeId(name) + "[(\"" + name + "\")]").append('\n');
        }
        edges.forEach(edge -> text.append("  ").append(edge).append('\n'));
        return text.append("```\n").toString();
    }

    /**
     * Writes {@code topology.txt} and the generated block of {@code README.md} in {@code dir}.
     *
     * @param playbook the playbook to build from
     * @param dir      the docs directory
     * @return the path of topology.txt
     */
    public static Path write(final Path playbook, final Path dir) {
        final TopologyDescription description = describe(playbook);
        try {
            Files.createDirectories(dir);
            final Path text = dir.resolve("topology.txt");
            Files.writeString(text, description.toString(), StandardCharsets.UTF_8);
            final Path readme = dir.resolve("README.md");
            final String current = Files.exists(readme) ? Files.readString(readme, StandardCharsets.UTF_8)
                    : "# Topology\n\n" + BEGIN + "\n" + END + "\n";
            Files.writeString(readme, withGeneratedBlock(current, mermaid(description)), StandardCharsets.UTF_8);
            return text;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write the topology docs to '" + dir + "'", e);
        }
    }

    /**
     * @param readme the README text
     * @param block  the generated block's new content
     * @return the README with the block between the markers replaced
     */
    public static String withGeneratedBlock(final String readme, final String block) {
        final int begin = readme.indexOf(BEGIN);
        final int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("The topology docs README has no '" + BEGIN + "' ... '" + END
                    + "' block; add both markers where the diagram belongs");
        }
        return readme.substring(0, begin + BEGIN.length()) + "\n" + block + readme.substring(end);
    }

    private static String shape(final TopologyDescription.Node node) {
        if (node instanceof TopologyDescription.Source || node instanceof TopologyDescription.Sink) {
            return "([\"" + node.name() + "\"])";
        }
        return "[\"" + node.name() + "\"]";
    }

    private static String id(final String name) {
        return "n_" + name.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static String topicId(final String name) {
        return "t_" + name.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static String storeId(final String name) {
        return "s_" + name.replaceAll("[^A-Za-z0-9]", "_");
    }
}
