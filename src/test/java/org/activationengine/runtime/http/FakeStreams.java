package org.activationengine.runtime.http;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.activationengine.schema.UserState;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.HostInfo;

/** A single-instance Streams client that owns every user, with a user store held in a map. */
final class FakeStreams implements QueryableStreams {

    static final HostInfo SELF = new HostInfo("127.0.0.1", 7070);

    private final Map<String, UserState> users = new ConcurrentHashMap<>();
    private volatile KafkaStreams.State state = KafkaStreams.State.RUNNING;
    private volatile boolean metadataAvailable = true;

    void state(final KafkaStreams.State newState) {
        state = newState;
    }

    void metadataAvailable(final boolean available) {
        metadataAvailable = available;
    }

    void user(final String userId, final UserState userState) {
        users.put(userId, userState);
    }

    @Override
    public KafkaStreams.State state() {
        return state;
    }

    @Override
    public <K> KeyQueryMetadata queryMetadataForKey(final String storeName, final K key,
            final Serializer<K> serializer) {
        return metadataAvailable ? new KeyQueryMetadata(SELF, Set.of(), 0) : KeyQueryMetadata.NOT_AVAILABLE;
    }

    @Override
    public Collection<StreamsMetadata> metadataForAllStreamsClients() {
        return List.of();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> StateQueryResult<R> query(final StateQueryRequest<R> request) {
        final String userId = ((KeyQuery<String, UserState>) request.getQuery()).getKey();
        final StateQueryResult<R> result = new StateQueryResult<>();
        result.addResult(0, QueryResult.forResult((R) users.get(userId)));
        return result;
    }
}
