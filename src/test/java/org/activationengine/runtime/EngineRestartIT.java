package org.activationengine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.activationengine.schema.InterventionCommand;
import org.activationengine.schema.UserActivationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that stopping the engine in the middle of a stream and starting a new one on the same state and
 * application id loses nothing and repeats nothing: every decision is sent once, and an inactivity timer armed
 * before the stop fires exactly once after the restart.
 */
class EngineRestartIT {

    private static final String TEAM_LEAD_ANSWER = "Coordinate my team";
    private static final int USERS = 20;

    private final Instant start = InputProducer.startOfStory();

    @Test
    void shouldSendEveryCommandOnceAndFireAnArmedTimerOnceAcrossARestart(@TempDir final Path stateDir) {
        final List<String> users = new ArrayList<>();
        for (int i = 1; i <= USERS; i++) {
            users.add("user-" + i);
        }
        try (EngineTestbed testbed = EngineTestbed.create("restart", EngineTestbed.TEST_PLAYBOOK, stateDir);
                InputProducer inputs = testbed.inputs()) {
            testbed.start();
            try (OutputRecords outputs = testbed.outputs()) {
                inputs.signup("quiet", TEAM_LEAD_ANSWER, start);
                // Once its welcome is committed, so is the quiet user's state with the timer due 48 hours later.
                outputs.eventually(read -> assertThat(read.commandsFor("quiet", "welcome")).hasSize(1));
            }

            for (final String user : users) {
                inputs.signup(user, TEAM_LEAD_ANSWER, start);
                inputs.event(user, "project_created", start.plus(Duration.ofHours(1)));
            }
            testbed.stop();

            testbed.start();
            try (OutputRecords outputs = testbed.outputs()) {
                inputs.event(users.get(0), "task_assigned", start.plus(Duration.ofMinutes(48 * 60 + 30)));
                outputs.eventually(read -> assertThat(read.commandsFor("quiet", "quiet-48h")).hasSize(1));

                final Instant later = start.plus(Duration.ofMinutes(48 * 60 + 45));
                inputs.event(users.get(1), "task_assigned", later);
                outputs.eventually(read -> assertThat(read.status(users.get(1))
                        .map(UserActivationStatus::getLastActivityAt)).contains(later));

                final List<InterventionCommand> commands = outputs.drain().commands();
                assertThat(commands).extracting(InterventionCommand::getCommandId).doesNotHaveDuplicates();
                assertThat(outputs.commandsFor("quiet")).extracting(InterventionCommand::getTriggerId)
                        .containsExactlyInAnyOrder("welcome", "step:create-project", "quiet-48h");
                for (final String user : users) {
                    assertThat(outputs.commandsFor(user)).as("commands of %s", user)
                            .extracting(InterventionCommand::getTriggerId)
                            .containsExactlyInAnyOrder("welcome", "step:create-project", "step:invite-teammate");
                }
            }
        }
    }
}
