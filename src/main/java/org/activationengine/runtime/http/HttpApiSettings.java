package org.activationengine.runtime.http;

import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where the HTTP API listens, who may call it, and how other instances of the application reach this one.
 *
 * @param host          the interface to bind, e.g. {@code 0.0.0.0}
 * @param port          the port to bind; 0 picks a free one (see {@link EngineHttpServer#port()}), which suits a
 *                      single instance: {@code application.server} must name the port before the Streams client
 *                      exists, so instances that forward to each other listen on a fixed port
 * @param bearerToken   when present, every endpoint but {@code /health/*} requires
 *                      {@code Authorization: Bearer <token>}; instances send it to each other too
 * @param advertised    this instance's {@code application.server}, as other instances see it; empty when the
 *                      application runs without one, and then each instance answers from its own state only
 */
public record HttpApiSettings(String host, int port, Optional<String> bearerToken, Optional<HostInfo> advertised) {

    /** Checks the values are usable. */
    public HttpApiSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(bearerToken, "bearerToken");
        Objects.requireNonNull(advertised, "advertised");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("HTTP port must be between 0 and 65535, got " + port);
        }
        if (bearerToken.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("the HTTP bearer token is blank: set a token or leave it unset");
        }
    }
}
