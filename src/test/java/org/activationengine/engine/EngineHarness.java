package org.activationengine.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.activationengine.playbook.Playbook;
import org.activationengine.schema.InterventionCommand;
import org.activationengine.schema.PersonaActivationCounts;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.activationengine.schema.UserActivationStatus;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** Drives the production topology in a TopologyTestDriver and reads what users of the engine would observe. */
final class EngineHarness implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final EngineTopics TOPICS = EngineTopics.defaults();

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, SignupAnswer> signups;
    private final TestInputTopic<String, ProductEvent> events;
    private final TestOutputTopic<String, InterventionCommand> email;
    private final TestOutputTopic<String, InterventionCommand> inApp;
    private final TestOutputTopic<String, UserActivationStatus> status;
    private final TestOutputTopic<String, PersonaActivationCounts> counts;
    private final List<InterventionCommand> commands = new ArrayList<>();
    private int eventSequence;

    EngineHarness(final Playbook playbook, final Path stateDir) {
        this(playbook, EngineOptions.defaults(), EngineObserver.NONE, stateDir);
    }

    EngineHarness(final Playbook playbook, final EngineOptions options, final EngineObserver observer,
            final Path stateDir) {
        final InternalEngineSerdes serdes = new InternalEngineSerdes();
        final Properties props = EngineStreamsConfig.properties("activation-test", TOPICS, observer);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(new ActivationTopology(playbook, TOPICS, options, serdes, observer).build(),
                props, T0);
        signups = driver.createInputTopic(TOPICS.signups(), Serdes.String().serializer(),
                serdes.signupAnswers().serializer());
        events = driver.createInputTopic(TOPICS.events(), Serdes.String().serializer(),
                serdes.productEvents().serializer());
        email = driver.createOutputTopic(TOPICS.emailCommands(), Serdes.String().deserializer(),
                serdes.commands().deserializer());
        inApp = driver.createOutputTopic(TOPICS.inAppCommands(), Serdes.String().deserializer(),
                serdes.commands().deserializer());
        status = driver.createOutputTopic(TOPICS.userStatus(), Serdes.String().deserializer(),
                serdes.userStatus().deserializer());
        counts = driver.createOutputTopic(TOPICS.personaCounts(), Serdes.String().deserializer(),
                serdes.personaCounts().deserializer());
    }

    TopologyTestDriver driver() {
        return driver;
    }

    void signup(final String userId, final String answer, final Duration at) {
        final Instant time = T0.plus(at);
        signups.pipeInput(userId, SignupAnswer.newBuilder().setUserId(userId).setSignedUpAt(time)
                .setQuestionId("primary-goal").setAnswer(answer).build(), time);
    }

    void event(final String userId, final String name, final Duration at) {
        event(userId, "evt-" + (++eventSequence), name, at);
    }

    void event(final String userId, final String eventId, final String name, final Duration at) {
        final Instant time = T0.plus(at);
        events.pipeInput(userId, ProductEvent.newBuilder().setEventId(eventId).setUserId(userId).setName(name)
                .setOccurredAt(time).build(), time);
    }

    void pipeEventKeyed(final String key, final ProductEvent event) {
        events.pipeInput(key, event, event.getOccurredAt());
    }

    /** @return the records the engine dead-lettered, as the values of their {@code __streams.errors.message} */
    List<String> deadLetterMessages() {
        final TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic(TOPICS.deadLetters(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        return dlq.readRecordsToList().stream()
                .map(record -> new String(record.headers().lastHeader("__streams.errors.message").value(),
                        java.nio.charset.StandardCharsets.UTF_8))
                .toList();
    }

    void advanceWallClock(final Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    /** All commands so far, both channels, in the order the engine issued them per channel. */
    List<InterventionCommand> commands() {
        email.readValuesToList().forEach(commands::add);
        inApp.readValuesToList().forEach(commands::add);
        return List.copyOf(commands);
    }

    List<InterventionCommand> commandsFor(final String userId) {
        return commands().stream().filter(command -> command.getUserId().equals(userId)).toList();
    }

    List<String> triggersFor(final String userId) {
        return commandsFor(userId).stream().map(InterventionCommand::getTriggerId).toList();
    }

    Map<String, UserActivationStatus> statuses() {
        final Map<String, UserActivationStatus> latest = new java.util.HashMap<>();
        for (final KeyValue<String, UserActivationStatus> change : status.readKeyValuesToList()) {
            latest.put(change.key, change.value);
        }
        return latest;
    }

    Map<String, PersonaActivationCounts> counts() {
        return counts.readKeyValuesToMap();
    }

    @Override
    public void close() {
        driver.close();
    }
}
