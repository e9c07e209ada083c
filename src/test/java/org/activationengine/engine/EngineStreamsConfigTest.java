package org.activationengine.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.TopologyException;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;

/** The configuration the engine builds its topology with refuses internal resources without explicit names. */
class EngineStreamsConfigTest {

    @Test
    void shouldRefuseATopologyWithAnUnnamedStoreOrInternalTopic() {
        final StreamsBuilder builder = new StreamsBuilder(EngineStreamsConfig.topologyConfig());
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("in-source"))
                .groupByKey().count();

        assertThatThrownBy(builder::build).isInstanceOf(TopologyException.class)
                .hasMessageContaining("has not been named");
    }
}
