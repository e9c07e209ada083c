package org.activationengine.runtime.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks another instance of the application for what only it holds. Forwarded requests carry a header that makes
 * the receiver answer from its own state, so a request is never forwarded twice, even while ownership moves.
 */
final class PeerClient {

    /** Marks a request that an instance sent to another one; it is answered from local state only. */
    static final String FORWARDED_HEADER = "X-Activation-Engine-Forwarded";

    private static final Logger LOG = LoggerFactory.getLogger(PeerClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final Optional<BearerToken> token;

    PeerClient(final Optional<BearerToken> token) {
        this.token = token;
    }

    /**
     * @param peer the instance to ask, as its {@code application.server}
     * @param path the path with an already encoded query, e.g. {@code /users/u%2F1}
     * @return the peer's answer; a 503 answer naming the peer when it could not be reached
     */
    CompletableFuture<ApiResponse> get(final HostInfo peer, final String path) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address(peer) + path))
                .timeout(REQUEST_TIMEOUT)
                .header(FORWARDED_HEADER, "true")
                .header("Accept", "application/json")
                .GET();
        token.ifPresent(bearer -> request.header("Authorization", bearer.header()));
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new ApiResponse(response.statusCode(), response.body()))
                .exceptionally(failure -> unreachable(peer, failure));
    }

    static String address(final HostInfo host) {
        return host.host() + ':' + host.port();
    }

    private static ApiResponse unreachable(final HostInfo peer, final Throwable failure) {
        final Throwable cause = failure.getCause() instanceof IOException ? failure.getCause() : failure;
        LOG.warn("Instance '{}' did not answer a forwarded query ({}); check that its HTTP port is reachable from "
                + "this instance and that application.server names that port", address(peer), cause.toString());
        return ApiResponse.error(503, "instance '" + address(peer) + "' that holds this data did not answer; "
                + "retry shortly");
    }
}
