package org.activationengine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.activationengine.engine.EngineTopics;
import org.activationengine.runtime.config.ConfigException;
import org.activationengine.runtime.config.EngineConfig;
import org.activationengine.runtime.config.EngineSetting;
import org.activationengine.runtime.kafka.SharedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that the engine refuses to start on input topics with different partition counts, with a message naming
 * both topics and their counts, and leaves nothing behind: no stream threads, no HTTP API, no output topics.
 */
class CoPartitioningIT {

    @Test
    void shouldRefuseInputTopicsWithDifferentPartitionCounts(@TempDir final Path stateDir) throws Exception {
        try (EngineTestbed testbed = EngineTestbed.withInputs("co-partitioning", 2, 3, stateDir)) {
            final EngineTopics topics = testbed.topics();
            final EngineConfig config = testbed.config();
            final int httpPort = freePort();
            config.override(EngineSetting.HTTP_PORT, String.valueOf(httpPort), "test");
            final long adminThreadsBefore = adminThreads();

            assertThatThrownBy(() -> EngineRunner.start(config))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("not co-partitioned")
                    .hasMessageContaining("'" + topics.signups() + "' has 2 partitions")
                    .hasMessageContaining("'" + topics.events() + "' has 3");

            assertThat(Thread.getAllStackTraces().keySet()).map(Thread::getName)
                    .noneMatch(name -> name.contains(testbed.applicationId()));
            assertThat(adminThreads()).isEqualTo(adminThreadsBefore);
            assertThatThrownBy(() -> new Socket("127.0.0.1", httpPort).close()).isInstanceOf(ConnectException.class);
            assertThat(topicNames()).contains(topics.signups(), topics.events())
                    .doesNotContain(topics.emailCommands(), topics.inAppCommands(), topics.userStatus(),
                            topics.personaCounts(), topics.deadLetters());
        }
    }

    private static long adminThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("kafka-admin-client-thread")).count();
    }

    private static Set<String> topicNames() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafkaBroker.broker().bootstrapServers()))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
