package org.activationengine.runtime.kafka;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedKafkaBrokerTest {

    @Test
    void shouldNameTheBusyPortAndHowToChooseAnother() throws IOException {
        try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(occupied.getLocalPort()).build()) {

            assertThatThrownBy(broker::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Port " + occupied.getLocalPort())
                .hasMessageContaining("already in use")
                .hasMessageContaining("port(...)");
        }
    }

    @Test
    void shouldRefuseBootstrapServersBeforeStart() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build()) {

            assertThatThrownBy(broker::bootstrapServers)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not started");
        }
    }

    @Test
    void shouldRefuseStartAfterClose() {
        final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build();
        broker.close();

        assertThatThrownBy(broker::start)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("already closed")
            .hasMessageContaining("build a new one");
    }

    @Test
    void shouldRejectAnInvalidPort() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(70000))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("70000");
    }
}
