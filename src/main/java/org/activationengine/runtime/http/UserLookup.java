package org.activationengine.runtime.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.activationengine.engine.TopologyNames;
import org.activationengine.engine.UserStatuses;
import org.activationengine.playbook.Playbook;
import org.activationengine.schema.UserState;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers one user's status from the instance that owns the user: an interactive query of the owning partition
 * when it is local, otherwise the owner's answer relayed.
 */
final class UserLookup {

    private final QueryableStreams streams;
    private final Playbook playbook;
    private final Optional<HostInfo> self;
    private final PeerClient peers;

    UserLookup(final QueryableStreams streams, final Playbook playbook, final Optional<HostInfo> self,
            final PeerClient peers) {
        this.streams = streams;
        this.playbook = playbook;
        this.self = self;
        this.peers = peers;
    }

    /**
     * @param userId    the user id
     * @param forwarded whether another instance sent the request, so it must not travel further
     * @return 200 with the status, 404 for an unknown user, 503 while the user's partition is not queryable
     */
    ApiResponse find(final String userId, final boolean forwarded) {
        final KeyQueryMetadata owner;
        try {
            owner = streams.queryMetadataForKey(TopologyNames.USER_STORE, userId, Serdes.String().serializer());
        } catch (final InvalidStateStoreException e) {
            return notQueryable();
        }
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return notQueryable();
        }
        if (isLocal(owner.activeHost())) {
            return queryLocal(userId, owner.partition());
        }
        if (forwarded) {
            // The sender thought this instance owns the user: ownership is moving, and the next try will agree.
            return ApiResponse.error(503, "user '" + userId + "' is moving between instances; retry shortly");
        }
        return peers.get(owner.activeHost(), "/users/" + pathSegment(userId)).join();
    }

    private boolean isLocal(final HostInfo host) {
        return self.map(host::equals).orElse(true);
    }

    private ApiResponse queryLocal(final String userId, final int partition) {
        final StateQueryRequest<UserState> request = StateQueryRequest.inStore(TopologyNames.USER_STORE)
                .withQuery(KeyQuery.<String, UserState>withKey(userId))
                .withPartitions(Set.of(partition))
                .requireActive();
        final StateQueryResult<UserState> result;
        try {
            result = streams.query(request);
        } catch (final InvalidStateStoreException e) {
            return notQueryable();
        }
        final QueryResult<UserState> answer = result.getPartitionResults().get(partition);
        if (answer == null || answer.isFailure()) {
            return failed(answer);
        }
        final UserState state = answer.getResult();
        if (state == null) {
            return ApiResponse.error(404, "no user '" + userId + "': no signup or product event was seen for it, "
                    + "or its state expired");
        }
        return ApiResponse.ok(UserStatusBody.of(UserStatuses.of(playbook, userId, state)));
    }

    private ApiResponse failed(final QueryResult<UserState> answer) {
        final FailureReason reason = answer == null ? FailureReason.NOT_PRESENT : answer.getFailureReason();
        if (reason == FailureReason.NOT_ACTIVE || reason == FailureReason.NOT_PRESENT
                || reason == FailureReason.NOT_UP_TO_BOUND) {
            return notQueryable();
        }
        return ApiResponse.error(500, "the user store could not answer (" + reason + "): "
                + answer.getFailureMessage());
    }

    private ApiResponse notQueryable() {
        return ApiResponse.error(503, "user state is not queryable while the engine is " + streams.state()
                + "; retry shortly");
    }

    static String pathSegment(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
