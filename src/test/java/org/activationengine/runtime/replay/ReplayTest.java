package org.activationengine.runtime.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.activationengine.engine.EngineOptions;
import org.activationengine.playbook.PlaybookReader;
import org.activationengine.runtime.cli.ActivationEngineCli;
import org.activationengine.runtime.report.ActivationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays {@code examples/history.jsonl} with {@code examples/playbook.yaml} through the command line and checks
 * the outcomes the example is written to show, user by user.
 */
class ReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path out;

    private static List<JsonNode> commands;
    private static Map<String, JsonNode> statuses;
    private static List<JsonNode> counts;

    @BeforeAll
    static void replayTheExample() throws IOException {
        final int status = ActivationEngineCli.execute("replay", "--playbook", "examples/playbook.yaml",
                "--events", "examples/history.jsonl", "--out", out.toString());
        assertThat(status).isZero();
        commands = lines(out.resolve("commands.jsonl"));
        counts = lines(out.resolve("counts.jsonl"));
        statuses = new HashMap<>();
        for (final JsonNode line : lines(out.resolve("statuses.jsonl"))) {
            statuses.put(line.get("userId").asText(), line.get("status"));
        }
    }

    @Test
    void shouldActivateTheTeamLeadAndStopNudgingHer() {
        assertThat(statuses.get("alice").get("persona").asText()).isEqualTo("team-lead");
        assertThat(statuses.get("alice").get("activatedAt").asText()).isEqualTo("2026-03-02T15:30:00Z");
        assertThat(triggers("alice")).containsExactlyInAnyOrder("welcome", "step:create-project",
                "step:invite-teammate");
    }

    @Test
    void shouldNudgeTheSilentFreelancer48HoursAfterSignup() {
        assertThat(statuses.get("bob").get("persona").asText()).as("answer matched ignoring case and space")
                .isEqualTo("freelancer");
        final List<JsonNode> nudges = commandsOf("bob").stream()
                .filter(command -> command.get("kind").asText().matches("INACTIVITY|NOT_DONE")).toList();
        assertThat(nudges).extracting(command -> command.get("triggerId").asText())
                .containsExactlyInAnyOrder("quiet-48h", "no-invoice-yet");
        assertThat(nudges).allSatisfy(command -> {
            assertThat(command.get("causedAt").asText()).isEqualTo("2026-03-04T10:00:00Z");
            assertThat(command.get("nextStep").asText()).isEqualTo("add-client");
        });
    }

    @Test
    void shouldGiveTheDefaultPersonaToASkippedAnswerAndToAUserWhoNeverAnswered() {
        assertThat(statuses.get("carol").get("persona").asText()).isEqualTo("explorer");
        assertThat(statuses.get("dave").get("persona").asText()).isEqualTo("explorer");
        assertThat(statuses.get("dave").get("activatedAt").asText()).as("events before the timeout count")
                .isEqualTo("2026-03-02T12:10:00Z");
    }

    @Test
    void shouldSendNothingToTheHeldOutUser() {
        assertThat(statuses.get("user-7").get("group").asText()).isEqualTo("HOLDOUT");
        assertThat(commandsOf("user-7")).isEmpty();
    }

    @Test
    void shouldIgnoreTheRepeatedEventAndAnActivationAfterTheWindow() {
        assertThat(statuses.get("frank").get("activatedAt").isNull()).isTrue();
        assertThat(statuses.get("frank").get("completedSteps")).hasSize(1);
        assertThat(triggers("frank")).contains("quiet-48h", "no-call-yet").doesNotContain("key-created");
    }

    @Test
    void shouldMakeCountsSumToTheUsersWithAPersona() {
        final Map<String, JsonNode> latest = new HashMap<>();
        for (final JsonNode line : counts) {
            latest.put(line.get("persona").asText() + line.get("group").asText() + line.get("cohortDay").asText(),
                    line);
        }
        final long signups = latest.values().stream().mapToLong(line -> line.get("signups").asLong()).sum();
        final long activated = latest.values().stream().mapToLong(line -> line.get("activated").asLong()).sum();
        final long sent = latest.values().stream().mapToLong(line -> line.get("commandsSent").asLong()).sum();
        final long withPersona = statuses.values().stream()
                .filter(status -> status != null && !status.get("persona").isNull()).count();

        assertThat(signups).isEqualTo(withPersona).isEqualTo(7);
        assertThat(activated).isEqualTo(3);
        assertThat(sent).isEqualTo(commands.size());
    }

    @Test
    void shouldGiveTheSameCommandsWhenReplayedAgain(@TempDir final Path again) throws IOException {
        final ActivationReport report = new Replay(PlaybookReader.read(Path.of("examples/playbook.yaml")),
                EngineOptions.defaults()).run(ReplayInput.read(Path.of("examples/history.jsonl")), again, null);

        assertThat(report.commandCount()).isEqualTo(commands.size());
        assertThat(lines(again.resolve("commands.jsonl"))).extracting(line -> line.get("commandId").asText())
                .containsExactlyInAnyOrderElementsOf(commands.stream().map(line -> line.get("commandId").asText())
                        .toList());
    }

    @Test
    void shouldFireDeadlinesAfterTheLastRecordWhenRunUntilALaterTime(@TempDir final Path later) throws IOException {
        final int status = ActivationEngineCli.execute("replay", "--playbook", "examples/playbook.yaml",
                "--events", "examples/history.jsonl", "--out", later.toString(), "--until", "2026-03-09T00:00:00Z");

        assertThat(status).isZero();
        assertThat(statuses.get("zed").get("persona").isNull()).as("without --until, zed still waits for an answer")
                .isTrue();
        final List<JsonNode> zed = lines(later.resolve("commands.jsonl")).stream()
                .filter(command -> command.get("userId").asText().equals("zed")).toList();
        assertThat(zed).extracting(command -> command.get("triggerId").asText()).contains("welcome");
        assertThat(zed).allSatisfy(command -> assertThat(command.get("persona").asText()).isEqualTo("explorer"));
    }

    private static List<String> triggers(final String userId) {
        return commandsOf(userId).stream().map(command -> command.get("triggerId").asText()).toList();
    }

    private static List<JsonNode> commandsOf(final String userId) {
        return commands.stream().filter(command -> command.get("userId").asText().equals(userId)).toList();
    }

    private static List<JsonNode> lines(final Path file) throws IOException {
        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : Files.readAllLines(file)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }
}
