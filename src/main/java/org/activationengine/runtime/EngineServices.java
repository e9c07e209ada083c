package org.activationengine.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Optional;
import org.activationengine.engine.EngineObserver;
import org.activationengine.playbook.Playbook;
import org.activationengine.runtime.config.EngineConfig;
import org.activationengine.runtime.config.EngineSetting;
import org.activationengine.runtime.http.EngineHttpServer;
import org.activationengine.runtime.http.HttpApiSettings;
import org.activationengine.runtime.http.QueryableStreams;
import org.activationengine.runtime.metrics.EngineMetrics;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The engine's metrics and HTTP API. The HTTP port and this instance's {@code application.server} are settled
 * before Kafka Streams is created, because the Streams client announces that address to the other instances.
 */
public final class EngineServices implements AutoCloseable {

    private final EngineConfig config;
    private final Playbook playbook;
    private final EngineMetrics metrics = new EngineMetrics();
    private final int httpPort;
    private final HostInfo advertised;
    private EngineHttpServer http;

    private EngineServices(final EngineConfig config, final Playbook playbook) {
        this.config = config;
        this.playbook = playbook;
        final int configured = config.integer(EngineSetting.HTTP_PORT);
        this.httpPort = configured == 0 ? freePort() : configured;
        final String server = config.kafkaProperties().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        if (server == null || server.isBlank()) {
            config.overrideKafka(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:" + httpPort, "HTTP API port");
        }
        this.advertised = HostInfo.buildFromEndpoint(
                config.kafkaProperties().get(StreamsConfig.APPLICATION_SERVER_CONFIG));
    }

    static EngineServices create(final EngineConfig config, final Playbook playbook) {
        return new EngineServices(config, playbook);
    }

    /** @return the observer that turns engine decisions into metrics */
    EngineObserver observer() {
        return metrics.observer();
    }

    /** @return the engine's metrics */
    public EngineMetrics metrics() {
        return metrics;
    }

    /** @return the port of the HTTP API */
    public int httpPort() {
        return httpPort;
    }

    /** Starts the HTTP API and binds Kafka Streams' metrics; call before starting the Streams client. */
    void start(final KafkaStreams streams) {
        metrics.bindStreams(streams);
        http = new EngineHttpServer(new HttpApiSettings(config.get(EngineSetting.HTTP_HOST), httpPort,
                config.optional(EngineSetting.HTTP_BEARER_TOKEN), Optional.of(advertised)),
                QueryableStreams.of(streams), metrics, playbook).start();
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        metrics.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("No free port for the HTTP API", e);
        }
    }
}
