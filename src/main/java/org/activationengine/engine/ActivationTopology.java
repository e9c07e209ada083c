package org.activationengine.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.activationengine.playbook.Playbook;
import org.activationengine.schema.ActivationCountDelta;
import org.activationengine.schema.Channel;
import org.activationengine.schema.PersonaActivationCounts;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.activationengine.schema.UserState;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the production topology: signup answers and product events, keyed by user id, feed one stateful
 * activation processor whose commands, status changes and count changes are routed to their topics; count
 * changes are re-keyed by persona so one task owns each count. Tests, replay and the runtime all call
 * {@link #build}, never a copy of it.
 */
public final class ActivationTopology {

    private final Playbook playbook;
    private final EngineTopics topics;
    private final EngineOptions options;
    private final EngineSerdes serdes;
    private final EngineObserver observer;
    private final StoreType storeType;

    /** How the state stores are backed; the topology, names and changelogs are the same either way. */
    public enum StoreType {
        /** RocksDB on local disk: what a deployed engine uses, for state larger than memory and fast restarts. */
        ROCKSDB,
        /**
         * Heap memory without changelogs: for a bounded offline replay, where RocksDB's per-commit flushes and
         * changelog records would dominate a driver that commits after every record.
         */
        IN_MEMORY
    }

    /**
     * @param playbook the validated playbook
     * @param topics   topic names
     * @param options  engine settings
     * @param serdes   serdes of the external topics
     * @param observer receives decisions for metrics
     */
    public ActivationTopology(final Playbook playbook, final EngineTopics topics, final EngineOptions options,
            final EngineSerdes serdes, final EngineObserver observer) {
        this(playbook, topics, options, serdes, observer, StoreType.ROCKSDB);
    }

    /**
     * @param playbook  the validated playbook
     * @param topics    topic names
     * @param options   engine settings
     * @param serdes    serdes of the external topics
     * @param observer  receives decisions for metrics
     * @param storeType how the state stores are backed
     */
    public ActivationTopology(final Playbook playbook, final EngineTopics topics, final EngineOptions options,
            final EngineSerdes serdes, final EngineObserver observer, final StoreType storeType) {
        this.storeType = Objects.requireNonNull(storeType, "storeType");
        this.playbook = Objects.requireNonNull(playbook, "playbook");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.options = Objects.requireNonNull(options, "options");
        this.serdes = Objects.requireNonNull(serdes, "serdes");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** @return the topology; every processor, store and internal topic has an explicit name */
    public Topology build() {
        final StreamsBuilder builder = new StreamsBuilder(EngineStreamsConfig.topologyConfig());
        addStores(builder);

        final KStream<String, SpecificRecord> signups = byUser(
                builder.stream(topics.signups(), Consumed.with(Serdes.String(), serdes.signupAnswers())
                        .withTimestampExtractor(new EventTimeExtractor()).withName(TopologyNames.SIGNUPS_SOURCE)),
                SignupAnswer::getUserId, new InternalAvroSerde<>(SignupAnswer.class), Route.SIGNUPS);
        final KStream<String, SpecificRecord> events = byUser(
                builder.stream(topics.events(), Consumed.with(Serdes.String(), serdes.productEvents())
                        .withTimestampExtractor(new EventTimeExtractor()).withName(TopologyNames.EVENTS_SOURCE)),
                ProductEvent::getUserId, new InternalAvroSerde<>(ProductEvent.class), Route.EVENTS);

        final ActivationRules rules = new ActivationRules(playbook, options);
        final KStream<String, EngineOutput> outputs = signups
                .merge(events, Named.as(TopologyNames.INPUTS_MERGE))
                .process(() -> new ActivationProcessor(rules, options, observer),
                        Named.as(TopologyNames.ACTIVATION_PROCESSOR),
                        TopologyNames.USER_STORE, TopologyNames.TIMER_STORE, TopologyNames.SEEN_EVENTS_STORE);
        routeOutputs(outputs);
        return builder.build();
    }

    private void addStores(final StreamsBuilder builder) {
        final boolean rocks = storeType == StoreType.ROCKSDB;
        builder.addStateStore(logged(Stores.keyValueStoreBuilder(rocks
                        ? Stores.persistentKeyValueStore(TopologyNames.USER_STORE)
                        : Stores.inMemoryKeyValueStore(TopologyNames.USER_STORE),
                Serdes.String(), new InternalAvroSerde<>(UserState.class))));
        builder.addStateStore(logged(Stores.keyValueStoreBuilder(rocks
                        ? Stores.persistentKeyValueStore(TopologyNames.TIMER_STORE)
                        : Stores.inMemoryKeyValueStore(TopologyNames.TIMER_STORE),
                Serdes.Bytes(), Serdes.ByteArray())));
        final Duration dedupe = dedupeRetention();
        builder.addStateStore(logged(Stores.windowStoreBuilder(rocks
                        ? Stores.persistentWindowStore(TopologyNames.SEEN_EVENTS_STORE, dedupe, Duration.ofMillis(1),
                                false)
                        : Stores.inMemoryWindowStore(TopologyNames.SEEN_EVENTS_STORE, dedupe, Duration.ofMillis(1),
                                false),
                Serdes.String(), Serdes.Long())));
    }

    /** Changelogs make state survive a lost instance; an offline replay has no instance to lose. */
    private <S extends StateStore> StoreBuilder<S> logged(final StoreBuilder<S> store) {
        return storeType == StoreType.ROCKSDB ? store : store.withLoggingDisabled();
    }

    private Duration dedupeRetention() {
        final Duration window = playbook.activationWindow();
        return options.dedupeRetention().compareTo(window) >= 0 ? options.dedupeRetention() : window;
    }

    private <T extends SpecificRecord> KStream<String, SpecificRecord> byUser(final KStream<String, T> input,
            final Function<T, String> userId, final Serde<T> internalSerde, final Route route) {
        final Map<String, KStream<String, T>> branches = input
                .split(Named.as(route.keyCheck))
                .branch((key, value) -> key != null && key.equals(userId.apply(value)),
                        Branched.as(TopologyNames.KEY_MATCHES))
                .defaultBranch(Branched.as(TopologyNames.KEY_MISMATCHED));
        final KStream<String, T> matching = branches.get(route.keyCheck + TopologyNames.KEY_MATCHES);
        final KStream<String, T> mismatched = branches.get(route.keyCheck + TopologyNames.KEY_MISMATCHED);
        if (options.misroutedRecords() == MisroutedRecords.REJECT) {
            mismatched.process(MisroutedRecordRejector::new, Named.as(route.reject));
            return widen(matching);
        }
        final KStream<String, T> rekeyed = mismatched
                .selectKey((key, value) -> userId.apply(value), Named.as(route.rekey))
                .repartition(Repartitioned.<String, T>as(route.byUser)
                        .withKeySerde(Serdes.String()).withValueSerde(internalSerde));
        return widen(matching.merge(rekeyed, Named.as(route.merge)));
    }

    private void routeOutputs(final KStream<String, EngineOutput> outputs) {
        final String split = TopologyNames.OUTPUTS_SPLIT;
        final Map<String, KStream<String, EngineOutput>> routes = outputs.split(Named.as(split))
                .branch((key, out) -> out instanceof EngineOutput.Command command
                        && command.command().getChannel() == Channel.EMAIL, Branched.as(TopologyNames.EMAIL_BRANCH))
                .branch((key, out) -> out instanceof EngineOutput.Command, Branched.as(TopologyNames.IN_APP_BRANCH))
                .branch((key, out) -> out instanceof EngineOutput.Status, Branched.as(TopologyNames.STATUS_BRANCH))
                .defaultBranch(Branched.as(TopologyNames.COUNTS_BRANCH));

        routes.get(split + TopologyNames.EMAIL_BRANCH)
                .mapValues(out -> ((EngineOutput.Command) out).command(), Named.as(TopologyNames.EMAIL_UNWRAP))
                .to(topics.emailCommands(), Produced.with(Serdes.String(), serdes.commands())
                        .withName(TopologyNames.EMAIL_SINK));
        routes.get(split + TopologyNames.IN_APP_BRANCH)
                .mapValues(out -> ((EngineOutput.Command) out).command(), Named.as(TopologyNames.IN_APP_UNWRAP))
                .to(topics.inAppCommands(), Produced.with(Serdes.String(), serdes.commands())
                        .withName(TopologyNames.IN_APP_SINK));
        routes.get(split + TopologyNames.STATUS_BRANCH)
                .mapValues(out -> ((EngineOutput.Status) out).status(), Named.as(TopologyNames.STATUS_UNWRAP))
                .to(topics.userStatus(), Produced.with(Serdes.String(), serdes.userStatus())
                        .withName(TopologyNames.STATUS_SINK));
        countPersonas(routes.get(split + TopologyNames.COUNTS_BRANCH)
                .mapValues(out -> ((EngineOutput.Count) out).delta(), Named.as(TopologyNames.COUNTS_UNWRAP)));
    }

    private void countPersonas(final KStream<String, ActivationCountDelta> deltas) {
        deltas.groupByKey(Grouped.with(TopologyNames.COUNT_DELTAS_BY_PERSONA, Serdes.String(),
                        new InternalAvroSerde<>(ActivationCountDelta.class)))
                .aggregate(() -> null, (key, delta, counts) -> PersonaCounts.add(counts, delta),
                        Named.as(TopologyNames.COUNTS_AGGREGATE),
                        countsStore())
                .toStream(Named.as(TopologyNames.COUNTS_CHANGES))
                .to(topics.personaCounts(), Produced.with(Serdes.String(), serdes.personaCounts())
                        .withName(TopologyNames.COUNTS_SINK));
    }

    private Materialized<String, PersonaActivationCounts, KeyValueStore<Bytes, byte[]>> countsStore() {
        final Materialized<String, PersonaActivationCounts, KeyValueStore<Bytes, byte[]>> store = Materialized
                .<String, PersonaActivationCounts, KeyValueStore<Bytes, byte[]>>as(TopologyNames.COUNTS_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(new InternalAvroSerde<>(PersonaActivationCounts.class));
        return storeType == StoreType.ROCKSDB ? store : store.withLoggingDisabled();
    }

    /** Streams are read-only here, so a stream of a record subtype can stand for a stream of records. */
    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> KStream<String, SpecificRecord> widen(final KStream<String, T> s) {
        return (KStream<String, SpecificRecord>) (KStream<String, ?>) s;
    }

    /** The names of one input's routing nodes. */
    private enum Route {
        SIGNUPS(TopologyNames.SIGNUPS_KEY_CHECK, TopologyNames.SIGNUPS_REKEY, TopologyNames.SIGNUPS_BY_USER,
                TopologyNames.SIGNUPS_MERGE, TopologyNames.SIGNUPS_REJECT),
        EVENTS(TopologyNames.EVENTS_KEY_CHECK, TopologyNames.EVENTS_REKEY, TopologyNames.EVENTS_BY_USER,
                TopologyNames.EVENTS_MERGE, TopologyNames.EVENTS_REJECT);

        private final String keyCheck;
        private final String rekey;
        private final String byUser;
        private final String merge;
        private final String reject;

        Route(final String keyCheck, final String rekey, final String byUser, final String merge,
                final String reject) {
            this.keyCheck = keyCheck;
            this.rekey = rekey;
            this.byUser = byUser;
            this.merge = merge;
            this.reject = reject;
        }
    }
}
