package org.activationengine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.activationengine.engine.EngineTopics;
import org.activationengine.playbook.PlaybookReader;
import org.activationengine.playbook.PlaybookReport;
import org.activationengine.runtime.config.EngineConfig;
import org.activationengine.runtime.config.EngineSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the Helm chart with the real Helm engine and checks what an operator would get in the cluster:
 * the objects, their wiring to the engine's configuration rules, and the refusals of inconsistent values.
 */
class HelmChartTest {

    private static final Path CHART = locateChart();
    private static final String RELEASE = "engine";
    private static final String NAMESPACE = "growth";
    private static final String FULLNAME = "engine-activation-engine";
    private static final String STATE_DIR = "/var/lib/activation-engine/state";
    private static final String PLAYBOOK_PATH = "/etc/activation-engine/playbook.yaml";
    private static final String ENGINE_PREFIX = "ACTIVATION_ENGINE_";
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Values every install must provide; everything else keeps its default. */
    private static final Map<String, Object> REQUIRED = Map.of(
            "kafka.bootstrapServers", "kafka-0.kafka:9092",
            "schemaRegistry.url", "http://schema-registry:8081");

    /**
     * Values that move every engine setting the chart derives away from its default, so a test loading the
     * result proves the chart translates values instead of happening to match the engine's defaults.
     */
    private static final Map<String, Object> CUSTOM_ENGINE = Map.ofEntries(
            Map.entry("engine.topics.signups", "acme-signups"),
            Map.entry("engine.topics.events", "acme-events"),
            Map.entry("engine.topics.commandsEmail", "acme-email"),
            Map.entry("engine.topics.commandsInApp", "acme-in-app"),
            Map.entry("engine.topics.counts", "acme-counts"),
            Map.entry("engine.topics.status", "acme-status"),
            Map.entry("engine.topics.deadLetter", "acme-dlq"),
            Map.entry("engine.topics.partitions", 12),
            Map.entry("engine.topics.replicationFactor", 3),
            Map.entry("engine.idlePeriod", "10m"),
            Map.entry("engine.shutdownTimeoutSeconds", 120),
            Map.entry("terminationGracePeriodSeconds", 180),
            Map.entry("http.port", 9090),
            Map.entry("engine.settings.timers\\.resolution", "5s"),
            Map.entry("engine.settings.misrouted\\.records", "reject"));

    @TempDir
    Path temp;

    @Test
    void shouldPassLintWithoutErrorsOrWarnings() {
        final LintResult result = new Helm(CHART).lint().strict().call();

        assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages())
                .noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    }

    @Test
    void shouldRenderStatefulSetServicesConfigMapAndPdbWithDefaultValues() {
        final List<JsonNode> objects = render(Map.of());

        assertThat(objects).extracting(object -> object.path("kind").asText())
                .containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "Service", "Service", "StatefulSet",
                        "PodDisruptionBudget");
        assertThat(find(objects, "PodDisruptionBudget", FULLNAME).at("/spec/maxUnavailable").asInt()).isEqualTo(1);

        final JsonNode statefulSet = find(objects, "StatefulSet", FULLNAME);
        assertThat(statefulSet.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(statefulSet.at("/spec/podManagementPolicy").asText()).isEqualTo("Parallel");
        assertThat(statefulSet.at("/spec/template/spec/terminationGracePeriodSeconds").asInt()).isEqualTo(90);
    }

    @Test
    void shouldMountPersistentStateVolumeAtStateDirectory() {
        final JsonNode statefulSet = find(render(Map.of()), "StatefulSet", FULLNAME);

        final JsonNode claim = statefulSet.at("/spec/volumeClaimTemplates/0");
        assertThat(claim.at("/metadata/name").asText()).isEqualTo("state");
        assertThat(claim.at("/spec/resources/requests/storage").asText()).isEqualTo("10Gi");
        assertThat(claim.at("/spec/accessModes/0").asText()).isEqualTo("ReadWriteOnce");
        assertThat(mountPath(statefulSet, "state")).isEqualTo(STATE_DIR);
        assertThat(env(statefulSet)).containsEntry("KAFKA_STATE_DIR", STATE_DIR);
        assertThat(volume(statefulSet, "state").isMissingNode()).as("no pod volume shadows the claim").isTrue();
    }

    @Test
    void shouldAdvertiseStablePodAddressThroughHeadlessService() {
        final List<JsonNode> objects = render(Map.of());
        final JsonNode statefulSet = find(objects, "StatefulSet", FULLNAME);
        final JsonNode headless = find(objects, "Service", FULLNAME + "-headless");

        assertThat(statefulSet.at("/spec/serviceName").asText()).isEqualTo(FULLNAME + "-headless");
        assertThat(headless.at("/spec/clusterIP").asText()).isEqualTo("None");
        assertThat(headless.at("/spec/publishNotReadyAddresses").asBoolean()).isTrue();
        assertThat(find(objects, "Service", FULLNAME).at("/spec/ports/0/port").asInt()).isEqualTo(8080);

        final Map<String, String> env = env(statefulSet);
        assertThat(env).containsEntry("KAFKA_APPLICATION_SERVER",
                "$(POD_NAME)." + FULLNAME + "-headless." + NAMESPACE + ".svc.cluster.local:8080");
        assertThat(env).containsEntry("KAFKA_GROUP_INSTANCE_ID", "$(POD_NAME)");
        assertThat(container(statefulSet).at("/env/0/name").asText())
                .as("POD_NAME is defined before the variables that refer to it").isEqualTo("POD_NAME");
        assertThat(container(statefulSet).at("/env/0/valueFrom/fieldRef/fieldPath").asText())
                .isEqualTo("metadata.name");
    }

    @Test
    void shouldLeaveGroupInstanceIdUnsetWithoutStaticMembership() {
        final JsonNode statefulSet = find(render(Map.of("kafka.staticMembership", false)), "StatefulSet", FULLNAME);

        assertThat(env(statefulSet)).doesNotContainKey("KAFKA_GROUP_INSTANCE_ID");
    }

    @Test
    void shouldProbeHealthEndpoints() {
        final JsonNode container = container(find(render(Map.of()), "StatefulSet", FULLNAME));

        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/health/live");
        assertThat(container.at("/startupProbe/failureThreshold").asInt()).isEqualTo(30);
        assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("http");
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    }

    @Test
    void shouldRunUnprivilegedWithReadOnlyRootFilesystem() {
        final JsonNode statefulSet = find(render(Map.of()), "StatefulSet", FULLNAME);
        final JsonNode pod = statefulSet.at("/spec/template/spec");
        final JsonNode container = container(statefulSet);

        assertThat(pod.at("/enableServiceLinks").isBoolean()).isTrue();
        assertThat(pod.at("/enableServiceLinks").asBoolean()).isFalse();
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(10001);
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(container.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
        assertThat(mountPath(statefulSet, "tmp")).isEqualTo("/tmp");
        assertThat(volume(statefulSet, "tmp").has("emptyDir")).isTrue();
        assertThat(env(statefulSet)).containsEntry("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75");
    }

    @Test
    void shouldWriteEngineConfigurationFromValues() throws IOException {
        final List<JsonNode> objects = render(Map.of(
                "kafka.properties.processing\\.guarantee", "exactly_once_v2",
                "engine.topics.partitions", 12,
                "engine.settings.timers\\.idle\\.period", "1m"));

        final JsonNode configMap = find(objects, "ConfigMap", FULLNAME);
        final JsonNode config = YAML.readTree(configMap.at("/data/engine.yaml").asText());
        assertThat(config.at("/kafka/bootstrap.servers").asText()).isEqualTo("kafka-0.kafka:9092");
        assertThat(config.at("/kafka/processing.guarantee").asText()).isEqualTo("exactly_once_v2");
        assertThat(config.at("/kafka/num.standby.replicas").asInt()).isEqualTo(1);
        final JsonNode engine = config.path("engine");
        assertThat(engine.path("playbook").asText()).isEqualTo("/etc/activation-engine/playbook.yaml");
        assertThat(engine.path("schema.registry.url").asText()).isEqualTo("http://schema-registry:8081");
        assertThat(engine.path("http.port").asInt()).isEqualTo(8080);
        assertThat(engine.path("topics.commands.in.app").asText())
                .isEqualTo("activation-commands-in-app");
        assertThat(engine.path("topics.dead.letter").asText()).isEqualTo("activation-engine-dlq");
        assertThat(engine.path("topics.partitions").asInt()).isEqualTo(12);
        assertThat(engine.has("topics.replication.factor")).isFalse();
        assertThat(engine.path("shutdown.timeout").asText()).isEqualTo("60s");
        assertThat(engine.path("timers.idle.period").asText())
                .as("engine.settings win over structured values").isEqualTo("1m");
        assertThat(configMap.at("/data/playbook.yaml").asText()).contains("personas:");

        final JsonNode container = container(find(objects, "StatefulSet", FULLNAME));
        assertThat(container.at("/args").toString())
                .isEqualTo("[\"run\",\"--config\",\"/etc/activation-engine/engine.yaml\"]");
        assertThat(mountPath(find(objects, "StatefulSet", FULLNAME), "config")).isEqualTo("/etc/activation-engine");
    }

    @Test
    void shouldRenderDefaultPlaybookThatTheEngineAcceptsWithoutRemarks() {
        final PlaybookReport report = renderedPlaybook(render(Map.of()));

        assertThat(report.hasErrors()).as("errors: %s", report.errors()).isFalse();
        assertThat(report.problems()).as("the default is an example to copy, so it draws no warnings").isEmpty();
    }

    @Test
    void shouldRenderPlaybookGivenAsValueThatTheEngineAccepts() throws IOException {
        final Path example = CHART.getParent().getParent().resolve("examples/playbook.yaml");
        final Path values = temp.resolve("playbook-values.yaml");
        YAML.writeValue(values.toFile(), Map.of("playbook", Files.readString(example, StandardCharsets.UTF_8)));

        final PlaybookReport report = renderedPlaybook(render(CUSTOM_ENGINE, values));

        assertThat(report.hasErrors()).as("errors: %s", report.errors()).isFalse();
        assertThat(report.playbook()).hasValueSatisfying(playbook -> assertThat(playbook.personas()).hasSize(4));
    }

    @Test
    void shouldWriteEngineConfigurationTheEngineLoadsWithDefaultValues() throws IOException {
        final List<JsonNode> objects = render(Map.of());

        final EngineConfig config = loadEngineConfig(objects, Map.of());

        assertThat(config.get(EngineSetting.PLAYBOOK)).isEqualTo(PLAYBOOK_PATH);
        assertThat(config.topics()).isEqualTo(new EngineTopics("signup-answers", "product-events",
                "activation-commands-email", "activation-commands-in-app", "activation-persona-counts",
                "activation-user-status", "activation-engine-dlq"));
        assertThat(config.options().timerIdlePeriod()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.duration(EngineSetting.SHUTDOWN_TIMEOUT)).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.isConfigured(EngineSetting.TOPIC_PARTITIONS)).isFalse();
        assertThat(config.isConfigured(EngineSetting.TOPIC_REPLICATION)).isFalse();
        assertThat(config.get(EngineSetting.SCHEMA_REGISTRY_URL)).isEqualTo("http://schema-registry:8081");
        assertThat(config.kafkaProperties()).containsEntry("bootstrap.servers", "kafka-0.kafka:9092")
                .containsEntry("num.standby.replicas", "1");
        assertThat(config.isEmbedded()).isFalse();
    }

    @Test
    void shouldWriteEngineConfigurationTheEngineLoadsWithCustomValues() throws IOException {
        final List<JsonNode> objects = render(CUSTOM_ENGINE);

        final EngineConfig config = loadEngineConfig(objects, Map.of());

        assertThat(config.get(EngineSetting.PLAYBOOK)).isEqualTo(PLAYBOOK_PATH);
        assertThat(config.topics()).isEqualTo(new EngineTopics("acme-signups", "acme-events", "acme-email",
                "acme-in-app", "acme-counts", "acme-status", "acme-dlq"));
        assertThat(config.integer(EngineSetting.TOPIC_PARTITIONS)).isEqualTo(12);
        assertThat(config.integer(EngineSetting.TOPIC_REPLICATION)).isEqualTo(3);
        assertThat(config.options().timerIdlePeriod()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.options().timerResolution()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.get(EngineSetting.MISROUTED_RECORDS)).isEqualTo("reject");
        assertThat(config.duration(EngineSetting.SHUTDOWN_TIMEOUT)).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.integer(EngineSetting.HTTP_PORT))
                .isEqualTo(container(find(objects, "StatefulSet", FULLNAME)).at("/ports/0/containerPort").asInt())
                .isEqualTo(9090);
    }

    @Test
    void shouldMatchEngineDefaultPortAndGiveItMoreTimeThanItsShutdownTimeout() throws IOException {
        final List<JsonNode> objects = render(Map.of());
        final JsonNode statefulSet = find(objects, "StatefulSet", FULLNAME);

        final EngineConfig config = loadEngineConfig(objects, Map.of());

        // An operator who drops http.port from engine.yaml must still find the engine on the port the probes use.
        assertThat(container(statefulSet).at("/ports/0/containerPort").asText())
                .isEqualTo(EngineSetting.HTTP_PORT.defaultValue())
                .isEqualTo(config.get(EngineSetting.HTTP_PORT));
        final Duration grace = Duration.ofSeconds(
                statefulSet.at("/spec/template/spec/terminationGracePeriodSeconds").asLong());
        final Duration engineDefault = EngineConfig.load(null, Map.of()).duration(EngineSetting.SHUTDOWN_TIMEOUT);
        assertThat(grace).isGreaterThan(config.duration(EngineSetting.SHUTDOWN_TIMEOUT))
                .as("even when shutdown.timeout is dropped from engine.yaml").isGreaterThan(engineDefault);
    }

    @Test
    void shouldSetOnlyEngineSettingsTheEngineKnowsThroughEnvironment() throws IOException {
        final List<JsonNode> objects = render(allSecrets());
        final Map<String, String> env = env(find(objects, "StatefulSet", FULLNAME));

        final List<String> engineVariables = env.keySet().stream().filter(name -> name.startsWith(ENGINE_PREFIX))
                .toList();

        assertThat(engineVariables).contains("ACTIVATION_ENGINE_HTTP_BEARER_TOKEN",
                "ACTIVATION_ENGINE_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO",
                "ACTIVATION_ENGINE_SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION",
                "ACTIVATION_ENGINE_SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD");
        engineVariables.forEach(name -> {
            final String key = name.substring(ENGINE_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            assertThat(EngineSetting.byKey(key)).as("%s sets the engine setting '%s'", name, key)
                    .hasValueSatisfying(setting -> assertThat(setting.environmentVariable()).isEqualTo(name));
        });

        // The pod's whole environment, with stand-ins for what Kubernetes fills in (Secrets, the pod name).
        final Map<String, String> podEnvironment = new LinkedHashMap<>();
        env.forEach((name, value) -> podEnvironment.put(name, value == null ? "from-secret" : value));
        final EngineConfig config = loadEngineConfig(objects, podEnvironment);
        assertThat(config.isConfigured(EngineSetting.HTTP_BEARER_TOKEN)).isTrue();
    }

    @Test
    void shouldAuthenticateServiceMonitorWithBearerTokenWhenConfigured() {
        final List<JsonNode> objects = render(Map.of(
                "metrics.serviceMonitor.enabled", true,
                "http.bearerToken.existingSecret", "query-token",
                "http.bearerToken.key", "api-token"));

        final JsonNode endpoint = find(objects, "ServiceMonitor", FULLNAME).at("/spec/endpoints/0");
        assertThat(endpoint.at("/authorization/type").asText()).isEqualTo("Bearer");
        assertThat(endpoint.at("/authorization/credentials/name").asText()).isEqualTo("query-token");
        assertThat(endpoint.at("/authorization/credentials/key").asText()).isEqualTo("api-token");
        assertThat(secretRef(find(objects, "StatefulSet", FULLNAME), "ACTIVATION_ENGINE_HTTP_BEARER_TOKEN"))
                .as("the scrape sends the token the engine checks").isEqualTo("query-token/api-token");
    }

    @Test
    void shouldRefuseBearerTokenSecretWithoutKey() {
        assertThatThrownBy(() -> render(Map.of(
                "http.bearerToken.existingSecret", "query-token",
                "http.bearerToken.key", "")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("http.bearerToken.key is empty");
    }

    @Test
    void shouldUseEmptyDirForStateWhenPersistenceIsDisabled() {
        final JsonNode statefulSet = find(render(Map.of("persistence.enabled", false)), "StatefulSet", FULLNAME);

        assertThat(statefulSet.at("/spec/volumeClaimTemplates").isMissingNode()).isTrue();
        assertThat(volume(statefulSet, "state").has("emptyDir")).isTrue();
        assertThat(mountPath(statefulSet, "state")).isEqualTo(STATE_DIR);
    }

    @Test
    void shouldCreateServiceMonitorScrapingNotReadyPodsWhenEnabled() {
        assertThat(render(Map.of())).noneMatch(object -> "ServiceMonitor".equals(object.path("kind").asText()));

        final List<JsonNode> objects = render(Map.of(
                "metrics.serviceMonitor.enabled", true,
                "metrics.serviceMonitor.interval", "15s",
                "metrics.serviceMonitor.labels.release", "prometheus"));

        final JsonNode monitor = find(objects, "ServiceMonitor", FULLNAME);
        assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
        assertThat(monitor.at("/spec/endpoints/0/interval").asText()).isEqualTo("15s");
        assertThat(monitor.at("/spec/endpoints/0").has("authorization"))
                .as("without a bearer token /metrics is open").isFalse();

        final JsonNode headless = find(objects, "Service", FULLNAME + "-headless");
        monitor.at("/spec/selector/matchLabels").properties().forEach(label -> assertThat(
                headless.at("/metadata/labels").path(label.getKey()).asText())
                .as("headless Service carries selector label '%s'", label.getKey())
                .isEqualTo(label.getValue().asText()));
        assertThat(find(objects, "Service", FULLNAME).at("/metadata/labels").has("activation-engine/service"))
                .as("the regular Service is not scraped twice").isFalse();
    }

    @Test
    void shouldOmitProbesThatAreDisabled() {
        final JsonNode container = container(find(render(Map.of(
                "probes.startup.enabled", false,
                "probes.liveness.enabled", false,
                "probes.readiness.enabled", false)), "StatefulSet", FULLNAME));

        assertThat(container.has("startupProbe")).isFalse();
        assertThat(container.has("livenessProbe")).isFalse();
        assertThat(container.has("readinessProbe")).isFalse();
    }

    @Test
    void shouldOmitPodDisruptionBudgetWhenDisabled() {
        assertThat(render(Map.of("pdb.enabled", false)))
                .noneMatch(object -> "PodDisruptionBudget".equals(object.path("kind").asText()));
    }

    @Test
    void shouldReferenceSecretsInsteadOfInliningThem() {
        final JsonNode statefulSet = find(render(allSecrets()), "StatefulSet", FULLNAME);

        assertThat(secretRef(statefulSet, "KAFKA_SASL_JAAS_CONFIG")).isEqualTo("kafka-login/sasl.jaas.config");
        assertThat(secretRef(statefulSet, "KAFKA_SSL_TRUSTSTORE_PASSWORD"))
                .isEqualTo("kafka-certificates/truststore.password");
        assertThat(secretRef(statefulSet, "KAFKA_SSL_KEYSTORE_PASSWORD"))
                .isEqualTo("kafka-certificates/keystore.password");
        assertThat(secretRef(statefulSet, "ACTIVATION_ENGINE_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO"))
                .isEqualTo("registry-login/user-info");
        assertThat(secretRef(statefulSet, "ACTIVATION_ENGINE_SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD"))
                .isEqualTo("registry-certificates/truststore.password");
        assertThat(secretRef(statefulSet, "ACTIVATION_ENGINE_HTTP_BEARER_TOKEN")).isEqualTo("query-token/token");

        final Map<String, String> env = env(statefulSet);
        assertThat(env).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12");
        final String kafkaTruststore = env.get("KAFKA_SSL_TRUSTSTORE_LOCATION");
        final String registryTruststore = env.get("ACTIVATION_ENGINE_SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION");
        assertThat(kafkaTruststore).isEqualTo(mountPath(statefulSet, "kafka-tls") + "/truststore.p12");
        assertThat(env.get("KAFKA_SSL_KEYSTORE_LOCATION"))
                .isEqualTo(mountPath(statefulSet, "kafka-tls") + "/keystore.p12");
        assertThat(registryTruststore).isEqualTo(mountPath(statefulSet, "schema-registry-tls") + "/truststore.p12");
        assertThat(volume(statefulSet, "kafka-tls").at("/secret/secretName").asText())
                .isEqualTo("kafka-certificates");
        assertThat(volume(statefulSet, "schema-registry-tls").at("/secret/secretName").asText())
                .isEqualTo("registry-certificates");
    }

    @Test
    void shouldPassExtraEnvironmentThrough() {
        final JsonNode container = container(find(render(Map.of(
                "extraEnv[0].name", "KAFKA_MAX_POLL_RECORDS",
                "extraEnv[0].value", "200",
                "extraEnvFrom[0].secretRef.name", "engine-extra")), "StatefulSet", FULLNAME));

        assertThat(env(container)).containsEntry("KAFKA_MAX_POLL_RECORDS", "200");
        assertThat(container.at("/envFrom/0/secretRef/name").asText()).isEqualTo("engine-extra");
    }

    @Test
    void shouldPrintNextStepsAfterInstall() {
        final Release release = new Helm(CHART).install().withName(RELEASE).withNamespace(NAMESPACE)
                .clientOnly().dryRun()
                .set("kafka.bootstrapServers", "kafka-0.kafka:9092")
                .set("schemaRegistry.url", "http://schema-registry:8081")
                .set("persistence.enabled", false)
                .call();

        assertThat(release.getOutput())
                .contains("kubectl --namespace " + NAMESPACE + " rollout status statefulset/" + FULLNAME)
                .contains("reading from kafka-0.kafka:9092")
                .contains("WARNING: persistence is disabled");
    }

    @Test
    void shouldRollPodsWhenPlaybookChanges() throws IOException {
        final String original = checksum(render(Map.of()));
        final String again = checksum(render(Map.of()));
        final Path changed = temp.resolve("changed-playbook.yaml");
        Files.writeString(changed, "playbook: |\n  question: {id: another-question}\n", StandardCharsets.UTF_8);

        final String afterChange = checksum(render(Map.of(), changed));

        assertThat(original).matches("[0-9a-f]{64}").isEqualTo(again);
        assertThat(afterChange).isNotEqualTo(original);
    }

    @Test
    void shouldMountPlaybookFromExistingConfigMap() {
        final List<JsonNode> objects = render(Map.of(
                "existingPlaybookConfigMap", "team-playbook",
                "existingPlaybookConfigMapKey", "onboarding.yaml"));

        assertThat(find(objects, "ConfigMap", FULLNAME).at("/data").has("playbook.yaml")).isFalse();
        final JsonNode sources = volume(find(objects, "StatefulSet", FULLNAME), "config").at("/projected/sources");
        assertThat(sources).anySatisfy(source -> {
            assertThat(source.at("/configMap/name").asText()).isEqualTo("team-playbook");
            assertThat(source.at("/configMap/items/0/key").asText()).isEqualTo("onboarding.yaml");
            assertThat(source.at("/configMap/items/0/path").asText()).isEqualTo("playbook.yaml");
        });
    }

    @Test
    void shouldRejectNegativeReplicaCountThroughSchema() {
        assertThatThrownBy(() -> render(Map.of("replicaCount", -1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("at '/replicaCount': minimum: got -1, want 0");
    }

    @Test
    void shouldRejectNonBooleanPersistenceFlagThroughSchema() {
        assertThatThrownBy(() -> render(Map.of("persistence.enabled", "yes")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at '/persistence/enabled': got string, want boolean");
    }

    @Test
    void shouldRejectUnknownPullPolicyThroughSchema() {
        assertThatThrownBy(() -> render(Map.of("image.pullPolicy", "Sometimes")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at '/image/pullPolicy'")
                .hasMessageContaining("IfNotPresent");
    }

    @Test
    void shouldRejectMisspelledValueThroughSchema() {
        assertThatThrownBy(() -> render(Map.of("persistence.sise", "20Gi")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("additional properties 'sise' not allowed");
    }

    @Test
    void shouldRefuseToInstallWithoutBootstrapServers() {
        assertThatThrownBy(() -> template(Map.of("schemaRegistry.url", "http://schema-registry:8081"), null).call())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kafka.bootstrapServers is empty")
                .hasMessageContaining("embedded broker, which is for local use only");
    }

    @Test
    void shouldRefuseToInstallWithoutPlaybook() {
        assertThatThrownBy(() -> render(Map.of("playbook", "")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No playbook: set playbook")
                .hasMessageContaining("existingPlaybookConfigMap");
    }

    @Test
    void shouldRefuseShutdownTimeoutThatOutlastsGracePeriod() {
        assertThatThrownBy(() -> render(Map.of("engine.shutdownTimeoutSeconds", 90)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("engine.shutdownTimeoutSeconds (90) must be lower than "
                        + "terminationGracePeriodSeconds (90)");
    }

    @Test
    void shouldDocumentEveryValueInReadme() throws IOException {
        final String values = Files.readString(CHART.resolve("values.yaml"), StandardCharsets.UTF_8);
        final String readme = Files.readString(CHART.resolve("README.md"), StandardCharsets.UTF_8);
        final Map<String, String> params = new LinkedHashMap<>();
        final Matcher param = Pattern.compile("(?m)^\\s*## @param (\\S+) (.+)$").matcher(values);
        while (param.find()) {
            params.put(param.group(1), param.group(2).strip());
        }

        assertThat(params).isNotEmpty();
        params.forEach((path, description) -> {
            final String row = "| `" + path + "` | " + description.replace("|", "\\|") + " |";
            assertThat(readme.contains(row)).as("README has a parameter row starting with: %s", row).isTrue();
        });
        assertThat(Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(readme).results().map(row -> row.group(1)))
                .as("README rows without an @param line")
                .allMatch(params::containsKey);
        assertThat(leafPaths(YAML.readTree(values), ""))
                .as("values without an @param line")
                .allMatch(leaf -> params.keySet().stream()
                        .anyMatch(documented -> leaf.equals(documented) || leaf.startsWith(documented + ".")));
    }

    /** Every Secret the chart can reference, so every variable the chart can set is rendered. */
    private static Map<String, Object> allSecrets() {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("kafka.securityProtocol", "SASL_SSL");
        values.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
        values.put("kafka.sasl.existingSecret", "kafka-login");
        values.put("kafka.tls.existingSecret", "kafka-certificates");
        values.put("kafka.tls.keystoreKey", "keystore.p12");
        values.put("schemaRegistry.basicAuth.existingSecret", "registry-login");
        values.put("schemaRegistry.tls.existingSecret", "registry-certificates");
        values.put("http.bearerToken.existingSecret", "query-token");
        return values;
    }

    private static PlaybookReport renderedPlaybook(final List<JsonNode> objects) {
        return PlaybookReader.validate(find(objects, "ConfigMap", FULLNAME).at("/data/playbook.yaml").asText(),
                "playbook.yaml");
    }

    /** Loads engine.yaml as the engine does at start: from a file, under the given environment. */
    private EngineConfig loadEngineConfig(final List<JsonNode> objects, final Map<String, String> environment)
            throws IOException {
        final Path file = temp.resolve("engine.yaml");
        Files.writeString(file, find(objects, "ConfigMap", FULLNAME).at("/data/engine.yaml").asText(),
                StandardCharsets.UTF_8);
        return EngineConfig.load(file, environment);
    }

    private static List<JsonNode> render(final Map<String, Object> values) {
        return render(values, null);
    }

    private static List<JsonNode> render(final Map<String, Object> values, final Path valuesFile) {
        final Map<String, Object> all = new LinkedHashMap<>(REQUIRED);
        all.putAll(values);
        return parse(template(all, valuesFile).call());
    }

    private static TemplateCommand template(final Map<String, Object> values, final Path valuesFile) {
        final TemplateCommand command = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            command.withValuesFile(valuesFile);
        }
        values.forEach(command::set);
        return command;
    }

    private static List<JsonNode> parse(final String manifests) {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(manifests)) {
            final List<JsonNode> objects = new ArrayList<>();
            while (documents.hasNext()) {
                final JsonNode document = documents.next();
                if (document != null && document.isObject() && !document.isEmpty()) {
                    objects.add(document);
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException("rendered chart is not valid YAML:\n" + manifests, e);
        }
    }

    private static JsonNode find(final List<JsonNode> objects, final String kind, final String name) {
        return objects.stream()
                .filter(object -> kind.equals(object.path("kind").asText()))
                .filter(object -> name.equals(object.at("/metadata/name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " '" + name + "' among " + objects.stream()
                        .map(object -> object.path("kind").asText() + "/" + object.at("/metadata/name").asText())
                        .toList()));
    }

    private static JsonNode container(final JsonNode statefulSet) {
        return statefulSet.at("/spec/template/spec/containers/0");
    }

    private static Map<String, String> env(final JsonNode workloadOrContainer) {
        final JsonNode container = workloadOrContainer.has("kind") ? container(workloadOrContainer)
                : workloadOrContainer;
        final Map<String, String> env = new LinkedHashMap<>();
        container.path("env").forEach(variable -> env.put(variable.path("name").asText(),
                variable.has("value") ? variable.path("value").asText() : null));
        return env;
    }

    private static String secretRef(final JsonNode statefulSet, final String variable) {
        final JsonNode entry = StreamSupport.stream(container(statefulSet).path("env").spliterator(), false)
                .filter(candidate -> variable.equals(candidate.path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no environment variable " + variable));
        assertThat(entry.has("value")).as("%s is not inlined", variable).isFalse();
        final JsonNode ref = entry.at("/valueFrom/secretKeyRef");
        return ref.path("name").asText() + "/" + ref.path("key").asText();
    }

    private static String mountPath(final JsonNode statefulSet, final String volume) {
        return StreamSupport.stream(container(statefulSet).path("volumeMounts").spliterator(), false)
                .filter(mount -> volume.equals(mount.path("name").asText()))
                .map(mount -> mount.path("mountPath").asText())
                .findFirst()
                .orElseThrow(() -> new AssertionError("volume '" + volume + "' is not mounted"));
    }

    private static JsonNode volume(final JsonNode statefulSet, final String name) {
        return StreamSupport.stream(statefulSet.at("/spec/template/spec/volumes").spliterator(), false)
                .filter(volume -> name.equals(volume.path("name").asText()))
                .findFirst()
                .orElse(MissingNode.getInstance());
    }

    private static String checksum(final List<JsonNode> objects) {
        return find(objects, "StatefulSet", FULLNAME).at("/spec/template/metadata/annotations")
                .path("checksum/config").asText();
    }

    private static List<String> leafPaths(final JsonNode node, final String prefix) {
        final List<String> leaves = new ArrayList<>();
        if (node.isObject() && !node.isEmpty()) {
            node.properties().forEach(field -> leaves.addAll(
                    leafPaths(field.getValue(), prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey())));
        } else {
            leaves.add(prefix);
        }
        return leaves;
    }

    /**
     * Finds the chart next to the compiled tests (target/test-classes), so the tests do not depend on the
     * directory they are started from; falls back to the working directory.
     */
    private static Path locateChart() {
        try {
            final Path classes = Paths.get(
                    HelmChartTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            final Path fromBuild = classes.getParent().getParent().resolve("helm/activation-engine");
            if (Files.isDirectory(fromBuild)) {
                return fromBuild;
            }
        } catch (URISyntaxException | NullPointerException e) {
            // No code source location (unusual class loaders): the working directory is the project root.
        }
        return Paths.get("helm/activation-engine").toAbsolutePath();
    }
}
