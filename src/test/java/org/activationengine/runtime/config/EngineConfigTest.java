package org.activationengine.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.activationengine.engine.MisroutedRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineConfigTest {

    @TempDir
    Path dir;

    @Test
    void shouldMapKafkaEnvironmentVariablesToProperties() {
        final EngineConfig config = EngineConfig.load(null, Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                "KAFKA_NUM_STANDBY_REPLICAS", "1", "KAFKA_HEAP_OPTS", "-Xmx1g", "PATH", "/bin"));

        assertThat(config.kafkaProperties()).containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("num.standby.replicas", "1").doesNotContainKey("heap.opts");
        assertThat(config.isEmbedded()).isFalse();
    }

    @Test
    void shouldMapEngineEnvironmentVariablesToSettings() {
        final EngineConfig config = EngineConfig.load(null, Map.of("ACTIVATION_ENGINE_TIMERS_IDLE_PERIOD", "5m",
                "ACTIVATION_ENGINE_TOPICS_COMMANDS_IN_APP", "in-app-out",
                "ACTIVATION_ENGINE_MISROUTED_RECORDS", "reject"));

        assertThat(config.options().timerIdlePeriod()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.options().misroutedRecords()).isEqualTo(MisroutedRecords.REJECT);
        assertThat(config.topics().inAppCommands()).isEqualTo("in-app-out");
        assertThat(config.isEmbedded()).isTrue();
    }

    @Test
    void shouldReadAYamlFileAndLetTheEnvironmentOverrideIt() throws IOException {
        final Path file = dir.resolve("engine.yaml");
        Files.writeString(file, "engine:\n  playbook: /etc/playbook.yaml\n  timers:\n    idle.period: 2m\n"
                + "kafka:\n  bootstrap.servers: a:9092\n  application.id: growth\n");

        final EngineConfig config = EngineConfig.load(file, Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092"));

        assertThat(config.get(EngineSetting.PLAYBOOK)).isEqualTo("/etc/playbook.yaml");
        assertThat(config.duration(EngineSetting.TIMER_IDLE_PERIOD)).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.kafkaProperties()).containsEntry("bootstrap.servers", "b:9092")
                .containsEntry("application.id", "growth");
    }

    @Test
    void shouldReadAPropertiesFile() throws IOException {
        final Path file = dir.resolve("engine.properties");
        Files.writeString(file, "engine.http.port=9000\nkafka.bootstrap.servers=a:9092\n");

        final EngineConfig config = EngineConfig.load(file, Map.of());

        assertThat(config.integer(EngineSetting.HTTP_PORT)).isEqualTo(9000);
        assertThat(config.kafkaProperties()).containsEntry("bootstrap.servers", "a:9092");
    }

    @Test
    void shouldRefuseAnUnknownSettingNamingTheVariableAndTheKnownKeys() {
        assertThatThrownBy(() -> EngineConfig.load(null, Map.of("ACTIVATION_ENGINE_TIMER_IDLE", "5m")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ACTIVATION_ENGINE_TIMER_IDLE")
                .hasMessageContaining("unknown engine setting 'timer.idle'")
                .hasMessageContaining("timers.idle.period");
    }

    @Test
    void shouldRefuseABadDurationNamingTheSettingItsOriginAndAnExample() {
        assertThatThrownBy(() -> EngineConfig.load(null, Map.of("ACTIVATION_ENGINE_TIMERS_IDLE_PERIOD", "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("timers.idle.period")
                .hasMessageContaining("ACTIVATION_ENGINE_TIMERS_IDLE_PERIOD")
                .hasMessageContaining("'soon' is not a positive duration")
                .hasMessageContaining("timers.idle.period=1m");
    }

    @Test
    void shouldRefuseAnUnknownSectionOfTheFile() throws IOException {
        final Path file = dir.resolve("engine.yaml");
        Files.writeString(file, "streams:\n  bootstrap.servers: a:9092\n");

        assertThatThrownBy(() -> EngineConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unknown section 'streams'");
    }

    @Test
    void shouldMaskSecretsInTheSummary() {
        final EngineConfig config = EngineConfig.load(null, Map.of(
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"u\" password=\"hunter2\";",
                "ACTIVATION_ENGINE_HTTP_BEARER_TOKEN", "s3cret", "KAFKA_CLIENT_ID", "engine-1"));

        final String summary = config.summary();

        assertThat(summary).doesNotContain("hunter2").doesNotContain("s3cret").contains("engine-1")
                .contains("kafka.sasl.jaas.config = ******").contains("engine.http.bearer.token = ******");
    }

    @Test
    void shouldNameTheSettingAndItsVariableWhenARequiredOneIsMissing() {
        final EngineConfig config = EngineConfig.load(null, Map.of());

        assertThatThrownBy(() -> config.required(EngineSetting.PLAYBOOK))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'playbook' is required")
                .hasMessageContaining("ACTIVATION_ENGINE_PLAYBOOK");
    }
}
