package org.activationengine.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A JSON answer of the HTTP API: a status code and a body. Handlers build these, so the query logic is testable
 * without a web server and an answer relayed from another instance looks like a local one.
 *
 * @param status the HTTP status code
 * @param json   the JSON body
 */
record ApiResponse(int status, String json) {

    static final ObjectMapper JSON = new ObjectMapper();

    static ApiResponse ok(final Object body) {
        return of(200, body);
    }

    static ApiResponse of(final int status, final Object body) {
        try {
            return new ApiResponse(status, JSON.writeValueAsString(body));
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ApiResponse error(final int status, final String message) {
        return of(status, Map.of("error", message));
    }
}
