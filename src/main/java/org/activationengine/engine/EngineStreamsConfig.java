package org.activationengine.engine;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;

/**
 * The Kafka Streams properties the topology relies on, shared by the runtime, replay and the tests so all run the
 * engine the same way: explicit names for every internal resource, exactly-once, and the dead-letter queue.
 */
public final class EngineStreamsConfig {

    private EngineStreamsConfig() {
    }

    /**
     * The topology-level settings the builder enforces while the topology is built: above all
     * {@code ensure.explicit.internal.resource.naming}, which Kafka Streams checks only when the builder is given it,
     * so a store or internal topic without an explicit name fails the build, not a deployment.
     *
     * @return the topology configuration the engine's topology is built with
     */
    public static TopologyConfig topologyConfig() {
        final Properties props = properties("activation-engine-topology", EngineTopics.defaults(),
                EngineObserver.NONE);
        // Required by the config class, unused by the builder.
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyConfig(new StreamsConfig(props));
    }

    /**
     * @param applicationId the application id (prefix of internal topics and the consumer group)
     * @param topics        topic names, for the dead-letter topic
     * @param observer      receives dead-letter notifications
     * @return properties to which the caller adds bootstrap servers, state dir and overrides
     */
    public static Properties properties(final String applicationId, final EngineTopics topics,
            final EngineObserver observer) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetters());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                EngineObserverHandlers.Deserialization.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, EngineObserverHandlers.Processing.class);
        props.put(EngineObserverHandlers.OBSERVER_CONFIG, observer);
        // The topology has no global stores; enabling it now follows the coming default and silences a warning.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return props;
    }
}
