package org.activationengine.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.activationengine.engine.TopologyNames;
import org.activationengine.schema.PersonaActivationCounts;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Collects the per persona counts of the whole application: the counts store of this instance's active tasks,
 * plus the same from every other instance. Answers 503 rather than a partial sum while any instance is not
 * running, because a partial activation rate would mislead.
 */
final class PersonaCountsQuery {

    private final QueryableStreams streams;
    private final Optional<HostInfo> self;
    private final PeerClient peers;

    PersonaCountsQuery(final QueryableStreams streams, final Optional<HostInfo> self, final PeerClient peers) {
        this.streams = streams;
        this.self = self;
        this.peers = peers;
    }

    /**
     * @param forwarded whether another instance asks for this instance's share only
     * @return 200 with the counts, or 503 while some counts cannot be read
     */
    ApiResponse counts(final boolean forwarded) {
        final KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            return ApiResponse.error(503, "persona counts are incomplete while the engine is " + state
                    + "; retry shortly");
        }
        final List<PersonaCountsBody.Cohort> cohorts;
        try {
            cohorts = new ArrayList<>(local());
        } catch (final InvalidStateStoreException e) {
            return ApiResponse.error(503, "persona counts are not queryable now (" + e.getMessage()
                    + "); retry shortly");
        }
        if (forwarded) {
            return ApiResponse.ok(PersonaCountsBody.of(cohorts));
        }
        final List<CompletableFuture<ApiResponse>> remote = new ArrayList<>();
        for (final StreamsMetadata instance : streams.metadataForAllStreamsClients()) {
            if (self.isPresent() && !instance.hostInfo().equals(self.get())) {
                remote.add(peers.get(instance.hostInfo(), "/personas"));
            }
        }
        for (final CompletableFuture<ApiResponse> answer : remote) {
            final ApiResponse response = answer.join();
            if (response.status() != 200) {
                return response;
            }
            cohorts.addAll(parse(response).cohorts());
        }
        return ApiResponse.ok(PersonaCountsBody.of(cohorts));
    }

    private List<PersonaCountsBody.Cohort> local() {
        // requireActive: a standby holds a copy of an active task's counts, and counting both would double them.
        // Standbys then answer NOT_ACTIVE; so does an active task whose thread is rebalancing, which the RUNNING
        // check above makes rare but cannot rule out.
        final StateQueryRequest<KeyValueIterator<String, PersonaActivationCounts>> request = StateQueryRequest
                .inStore(TopologyNames.COUNTS_STORE)
                .withQuery(RangeQuery.<String, PersonaActivationCounts>withNoBounds())
                .requireActive();
        final StateQueryResult<KeyValueIterator<String, PersonaActivationCounts>> result = streams.query(request);
        final List<PersonaCountsBody.Cohort> cohorts = new ArrayList<>();
        for (final Map.Entry<Integer, QueryResult<KeyValueIterator<String, PersonaActivationCounts>>> partition
                : result.getPartitionResults().entrySet()) {
            final QueryResult<?> answer = partition.getValue();
            if (answer.isFailure() && answer.getFailureReason() == FailureReason.NOT_ACTIVE) {
                // A standby copy; its active task, here or on another instance, answers for it.
                continue;
            }
            if (answer.isFailure()) {
                throw new InvalidStateStoreException("partition " + partition.getKey() + ": "
                        + partition.getValue().getFailureReason());
            }
            try (KeyValueIterator<String, PersonaActivationCounts> counts = partition.getValue().getResult()) {
                while (counts.hasNext()) {
                    final KeyValue<String, PersonaActivationCounts> entry = counts.next();
                    cohorts.add(cohort(entry.value));
                }
            }
        }
        return cohorts;
    }

    private static PersonaCountsBody.Cohort cohort(final PersonaActivationCounts counts) {
        final LocalDate day = counts.getCohortDay();
        return new PersonaCountsBody.Cohort(counts.getPersona(), counts.getGroup().name(), day.toString(),
                counts.getSignups(), counts.getActivated(), counts.getActivationRate(), counts.getCommandsSent());
    }

    private static PersonaCountsBody parse(final ApiResponse response) {
        try {
            return ApiResponse.JSON.readValue(response.json(), PersonaCountsBody.class);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("another instance answered /personas with unreadable JSON", e);
        }
    }
}
