package org.activationengine.playbook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Decides deterministically whether a user is held out: the first four bytes of SHA-256 over
 * {@code salt + ":" + userId}, read as an unsigned number modulo 10 000, fall below {@code percent × 100}.
 * The same user and salt always land in the same group, on any instance and in replay, and an analyst can
 * recompute the group outside the engine.
 */
public final class HoldoutAssigner {

    private static final int BUCKETS = 10_000;

    private final Holdout holdout;

    /**
     * @param holdout the playbook's holdout share and salt
     */
    public HoldoutAssigner(final Holdout holdout) {
        this.holdout = holdout;
    }

    /**
     * @param userId the user id
     * @return true when the user belongs to the holdout group and must receive no commands
     */
    public boolean isHeldOut(final String userId) {
        if (holdout.percent() <= 0) {
            return false;
        }
        return bucket(holdout.salt(), userId) < Math.round(holdout.percent() * BUCKETS / 100.0);
    }

    static int bucket(final String salt, final String userId) {
        final byte[] digest = sha256((salt + ":" + userId).getBytes(StandardCharsets.UTF_8));
        final long unsigned = ((digest[0] & 0xFFL) << 24) | ((digest[1] & 0xFFL) << 16)
                | ((digest[2] & 0xFFL) << 8) | (digest[3] & 0xFFL);
        return (int) (unsigned % BUCKETS);
    }

    private static byte[] sha256(final byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
