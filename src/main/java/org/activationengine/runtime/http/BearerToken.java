package org.activationengine.runtime.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The token callers must present as {@code Authorization: Bearer <token>}. Compares digests in constant time, so
 * neither the content nor the length of the token leaks through response timing.
 */
final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private final String token;
    private final byte[] expected;

    BearerToken(final String token) {
        this.token = token;
        this.expected = digest(SCHEME + token);
    }

    /** @return the value of the {@code Authorization} header that carries this token */
    String header() {
        return SCHEME + token;
    }

    /**
     * @param authorization the {@code Authorization} header of a request, or null
     * @return whether it carries this token
     */
    boolean accepts(final String authorization) {
        return MessageDigest.isEqual(expected, digest(authorization == null ? "" : authorization));
    }

    private static byte[] digest(final String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
