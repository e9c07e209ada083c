package org.activationengine.runtime.replay;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.activationengine.engine.EngineTopics;
import org.activationengine.runtime.RegistryEngineSerdes;
import org.activationengine.schema.InterventionCommand;
import org.activationengine.schema.PersonaActivationCounts;
import org.activationengine.schema.UserActivationStatus;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** Reads one replay driver's output topics into the shared files; keeps the shard's latest counts per key. */
final class ShardOutputs {

    private final TestOutputTopic<String, InterventionCommand> email;
    private final TestOutputTopic<String, InterventionCommand> inApp;
    private final TestOutputTopic<String, PersonaActivationCounts> counts;
    private final TestOutputTopic<String, UserActivationStatus> statuses;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final ReplayFiles files;
    private final Map<String, PersonaActivationCounts> latestCounts = new HashMap<>();

    ShardOutputs(final TopologyTestDriver driver, final EngineTopics topics, final RegistryEngineSerdes serdes,
            final ReplayFiles files) {
        this.files = files;
        email = driver.createOutputTopic(topics.emailCommands(), Serdes.String().deserializer(),
                serdes.commands().deserializer());
        inApp = driver.createOutputTopic(topics.inAppCommands(), Serdes.String().deserializer(),
                serdes.commands().deserializer());
        counts = driver.createOutputTopic(topics.personaCounts(), Serdes.String().deserializer(),
                serdes.personaCounts().deserializer());
        statuses = driver.createOutputTopic(topics.userStatus(), Serdes.String().deserializer(),
                serdes.userStatus().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    void drain() {
        files.commands(email.readValuesToList());
        files.commands(inApp.readValuesToList());
        for (final KeyValue<String, PersonaActivationCounts> change : counts.readKeyValuesToList()) {
            latestCounts.put(change.key, change.value);
        }
        files.statuses(statuses.readKeyValuesToList());
        for (final TestRecord<byte[], byte[]> dead : deadLetters.readRecordsToList()) {
            final Map<String, Object> line = new LinkedHashMap<>();
            for (final Header header : dead.headers()) {
                line.put(header.key(), header.value() == null ? null
                        : new String(header.value(), StandardCharsets.UTF_8));
            }
            files.deadLetter(line);
        }
    }

    Map<String, PersonaActivationCounts> latestCounts() {
        return latestCounts;
    }
}
