package org.activationengine.runtime.avro;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server that plays scripted answers in order, then a fixed default, and records every request,
 * to drive the REST client through failures a real registry rarely shows on demand.
 */
final class StubHttpServer implements AutoCloseable {

    /** One scripted answer; a delay makes the client time out before the answer comes. */
    record Answer(int status, String body, long delayMillis) {
        static Answer of(final int status, final String body) {
            return new Answer(status, body, 0);
        }
    }

    /** One received request. */
    record Request(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Answer fallback = Answer.of(500, "{\"error_code\":50001,\"message\":\"no answer scripted\"}");

    StubHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized StubHttpServer then(final int status, final String body) {
        script.add(Answer.of(status, body));
        return this;
    }

    synchronized StubHttpServer then(final Answer answer) {
        script.add(answer);
        return this;
    }

    StubHttpServer always(final int status, final String body) {
        fallback = Answer.of(status, body);
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(final HttpExchange exchange) throws IOException {
        final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        final Answer answer = next();
        if (answer.delayMillis() > 0) {
            try {
                Thread.sleep(answer.delayMillis());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        final byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (final IOException e) {
            // The client gave up on a delayed answer; nothing to do.
        }
    }

    private synchronized Answer next() {
        return script.isEmpty() ? fallback : script.poll();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
