package org.activationengine.runtime.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.activationengine.engine.EngineTopics;
import org.activationengine.runtime.config.ConfigException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks and prepares the engine's topics before Kafka Streams starts: the input topics must exist and be
 * co-partitioned (equal partition counts, so one task sees a user's signup and events); output and dead-letter
 * topics are created when missing. Internal topics are created by Kafka Streams itself.
 */
public final class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
    private static final long TIMEOUT_SECONDS = 30;
    private static final long METADATA_WAIT_SECONDS = 5;

    private final Admin admin;
    private final EngineTopics topics;
    private final int partitions;
    private final Optional<Short> replication;

    /**
     * @param admin       an admin client of the cluster
     * @param topics      the topic names
     * @param partitions  partitions of topics this setup creates
     * @param replication replication factor of created topics; -1 for the broker default
     */
    public TopicSetup(final Admin admin, final EngineTopics topics, final int partitions, final int replication) {
        this.admin = admin;
        this.topics = topics;
        this.partitions = partitions;
        this.replication = replication < 0 ? Optional.empty() : Optional.of((short) replication);
    }

    /** Creates the input topics when missing; only the embedded mode does this, a real cluster owns its inputs. */
    public void createInputs() {
        create(List.of(topics.signups(), topics.events()), Map.of());
    }

    /**
     * Checks the inputs and creates missing outputs.
     *
     * @throws ConfigException when an input is missing, the inputs are not co-partitioned, or a topic cannot be
     *                         created; the message names the topics and what to do
     */
    public void prepare() {
        final Map<String, TopicDescription> inputs = describe(List.of(topics.signups(), topics.events()));
        final int signupPartitions = inputs.get(topics.signups()).partitions().size();
        final int eventPartitions = inputs.get(topics.events()).partitions().size();
        if (signupPartitions != eventPartitions) {
            throw new ConfigException("Input topics are not co-partitioned: '" + topics.signups() + "' has "
                    + signupPartitions + " partitions and '" + topics.events() + "' has " + eventPartitions
                    + ". A user's signup and events must reach the same task: give both topics the same number of "
                    + "partitions (and the same partitioner, keyed by user id).");
        }
        create(List.of(topics.emailCommands(), topics.inAppCommands(), topics.personaCounts(),
                topics.deadLetters()), Map.of());
        create(List.of(topics.userStatus()), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    private Map<String, TopicDescription> describe(final List<String> names) {
        // A topic created a moment ago may not be in every broker's metadata yet: ask again for a few seconds.
        final long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(METADATA_WAIT_SECONDS);
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > giveUpAt) {
                    return describeOnce(names);
                }
            } catch (final TimeoutException e) {
                return describeOnce(names);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unreachable("describe the input topics " + names, e);
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, TopicDescription> describeOnce(final List<String> names) {
        try {
            return admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new ConfigException("Input topic missing: the engine reads '" + topics.signups() + "' and '"
                        + topics.events() + "' and one of them does not exist. Create both with the same partition "
                        + "count, or name the right topics with engine settings topics.signups / topics.events.");
            }
            throw unreachable("describe the input topics " + names, e);
        } catch (final TimeoutException e) {
            throw unreachable("describe the input topics " + names, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("describe the input topics " + names, e);
        }
    }

    private void create(final List<String> names, final Map<String, String> config) {
        final Set<String> existing = existingTopics();
        final List<NewTopic> missing = new ArrayList<>();
        for (final String name : names) {
            if (!existing.contains(name)) {
                missing.add(new NewTopic(name, Optional.of(partitions), replication).configs(config));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        for (final NewTopic topic : missing) {
            try {
                admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                LOG.info("Created topic '{}' ({} partitions)", topic.name(), partitions);
            } catch (final ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    continue;
                }
                if (e.getCause() instanceof TopicAuthorizationException
                        || e.getCause() instanceof ClusterAuthorizationException) {
                    throw new ConfigException("Not allowed to create topic '" + topic.name() + "': the engine's "
                            + "principal lacks CREATE permission. Create the topic beforehand (" + partitions
                            + " partitions" + (config.isEmpty() ? "" : ", " + config) + ") or grant CREATE.");
                }
                throw unreachable("create topic '" + topic.name() + "'", e);
            } catch (final TimeoutException e) {
                throw unreachable("create topic '" + topic.name() + "'", e);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unreachable("create topic '" + topic.name() + "'", e);
            }
        }
    }

    private Set<String> existingTopics() {
        try {
            return admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (final ExecutionException | TimeoutException e) {
            throw unreachable("list topics", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("list topics", e);
        }
    }

    private static ConfigException unreachable(final String what, final Exception cause) {
        final Throwable root = cause instanceof ExecutionException && cause.getCause() != null ? cause.getCause()
                : cause;
        return new ConfigException("Could not " + what + " within " + TIMEOUT_SECONDS + " s: " + root
                + ". Check kafka.bootstrap.servers and the security settings (KAFKA_SECURITY_PROTOCOL, "
                + "KAFKA_SASL_*).");
    }
}
