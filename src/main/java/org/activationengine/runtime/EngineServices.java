package org.activationengine.runtime;

import org.activationengine.engine.EngineObserver;
import org.activationengine.playbook.Playbook;
import org.activationengine.runtime.config.EngineConfig;
import org.activationengine.runtime.config.EngineSetting;
import org.apache.kafka.streams.KafkaStreams;

/** The engine's metrics and HTTP API, started before Kafka Streams so its address is known. */
public final class EngineServices implements AutoCloseable {

    private final int httpPort;

    private EngineServices(final int httpPort) {
        this.httpPort = httpPort;
    }

    static EngineServices create(final EngineConfig config, final Playbook playbook) {
        return new EngineServices(config.integer(EngineSetting.HTTP_PORT));
    }

    EngineObserver observer() {
        return EngineObserver.NONE;
    }

    int httpPort() {
        return httpPort;
    }

    void bind(final KafkaStreams streams) {
        // Metrics binding and the HTTP API are attached here.
    }

    @Override
    public void close() {
        // Nothing started yet.
    }
}
