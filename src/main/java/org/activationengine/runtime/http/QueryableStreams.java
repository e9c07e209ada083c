package org.activationengine.runtime.http;

import java.util.Collection;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;

/**
 * The part of a Kafka Streams client the HTTP API reads: its state, where keys live, and interactive queries. An
 * interface so the API can be tested without a broker.
 */
public interface QueryableStreams {

    /** @return the client's current state */
    KafkaStreams.State state();

    /**
     * @param storeName  the store
     * @param key        the key
     * @param serializer the key serializer the store's input topic is partitioned with
     * @param <K>        the key type
     * @return the instance and partition that own the key, or {@link KeyQueryMetadata#NOT_AVAILABLE}
     */
    <K> KeyQueryMetadata queryMetadataForKey(String storeName, K key, Serializer<K> serializer);

    /** @return every client of the application, this one included, with its {@code application.server} */
    Collection<StreamsMetadata> metadataForAllStreamsClients();

    /**
     * @param request the interactive query
     * @param <R>     the result type
     * @return per-partition results of the partitions this client hosts
     */
    <R> StateQueryResult<R> query(StateQueryRequest<R> request);

    /**
     * @param streams a Kafka Streams client
     * @return a view that delegates to it
     */
    static QueryableStreams of(final KafkaStreams streams) {
        return new QueryableStreams() {
            @Override
            public KafkaStreams.State state() {
                return streams.state();
            }

            @Override
            public <K> KeyQueryMetadata queryMetadataForKey(final String storeName, final K key,
                    final Serializer<K> serializer) {
                return streams.queryMetadataForKey(storeName, key, serializer);
            }

            @Override
            public Collection<StreamsMetadata> metadataForAllStreamsClients() {
                return streams.metadataForAllStreamsClients();
            }

            @Override
            public <R> StateQueryResult<R> query(final StateQueryRequest<R> request) {
                return streams.query(request);
            }
        };
    }
}
