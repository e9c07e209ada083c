package org.activationengine.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: exit status, what it prints, and the files it writes. */
class CommandLineTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void captureOutput() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void shouldAcceptTheExamplePlaybookAndListItsPersonasAndExperiences() {
        final int status = ActivationEngineCli.execute("validate", "examples/playbook.yaml");

        assertThat(status).isZero();
        assertThat(stdout()).contains("team-lead", "freelancer", "developer", "explorer", "(default)")
                .contains("Experiences: 22 of a budget of 24").contains("OK");
    }

    @Test
    void shouldRefuseABrokenPlaybookWithEveryErrorNamingFileAndPath() throws IOException {
        final Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "question: {id: q}\nexperienceBudget: 1\npersonas:\n  - id: a\n    default: true\n"
                + "    activation: {event: x}\n    triggers:\n      - id: t\n        inactiveFor: 5x\n"
                + "        send: {channel: SMS, template: t}\n");

        final int status = ActivationEngineCli.execute("validate", broken.toString());

        assertThat(status).isEqualTo(1);
        assertThat(stderr())
                .contains("error: " + broken + ": personas[0].triggers[0].inactiveFor: '5x' is not a duration")
                .contains("error: " + broken + ": personas[0].triggers[0].send.channel: Unknown channel 'SMS'")
                .contains("the playbook is refused");
    }

    @Test
    void shouldRefuseAMissingPlaybookFile() {
        final int status = ActivationEngineCli.execute("validate", dir.resolve("nope.yaml").toString());

        assertThat(status).isEqualTo(1);
        assertThat(stderr()).contains("nope.yaml");
    }

    @Test
    void shouldReportAMalformedHistoryLineWithItsFileAndLineNumber() throws IOException {
        final Path history = dir.resolve("history.jsonl");
        Files.writeString(history, "{\"type\":\"signup\",\"userId\":\"u1\",\"signedUpAt\":\"2026-03-02T09:00:00Z\"}\n"
                + "{\"type\":\"event\",\"userId\":\"u1\",\"name\":\"x\",\"occurredAt\":\"yesterday\","
                + "\"eventId\":\"e\"}\n");

        final int status = ActivationEngineCli.execute("replay", "--playbook", "examples/playbook.yaml",
                "--events", history.toString(), "--out", dir.resolve("out").toString());

        assertThat(status).isEqualTo(1);
        assertThat(stderr()).contains(history + ":2").contains("\"occurredAt\" is 'yesterday'");
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
