package org.activationengine.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.activationengine.playbook.PlaybookProblem.Severity;
import org.junit.jupiter.api.Test;

class PlaybookReaderTest {

    private static final String SOURCE = "test-playbook.yaml";

    /** Valid, warning-free and small, so each test changes exactly one thing in it. */
    private static final String VALID = """
            question:
              id: primary-goal
            activationWindow: 72h
            holdout: {percent: 10, salt: test-salt}
            frequencyCap: {maxCommands: 3, per: 24h}
            experienceBudget: 12
            personas:
              - id: team-lead
                answers: [Coordinate my team]
                activation: {event: project_created, atLeast: 3}
                welcome: {channel: EMAIL, template: team-lead-welcome}
                steps:
                  - {id: create-project, doneWhen: project_created, prompt: {channel: IN_APP, template: tip-project}}
                triggers:
                  - id: early-momentum
                    on: {event: project_created, atLeast: 2, within: 24h}
                    send: {channel: IN_APP, template: invite-your-team}
                  - id: quiet-48h
                    inactiveFor: 48h
                    send: {channel: EMAIL, template: need-a-hand}
              - id: freelancer
                answers: [Bill my clients]
                activation: {event: invoice_sent}
                triggers:
                  - id: no-invoice-yet
                    notDone: {event: invoice_sent, within: 36h}
                    send: {channel: EMAIL, template: invoice-reminder}
              - id: explorer
                default: true
                activation: {event: project_created}
            """;

    @Test
    void shouldReadTheExamplePlaybook() {
        final PlaybookReport report = PlaybookReader.validate(Path.of("examples", "playbook.yaml"));

        assertThat(report.problems()).isEmpty();
        final Playbook playbook = report.orThrow();
        assertThat(playbook.questionId()).isEqualTo("primary-goal");
        assertThat(playbook.activationWindow()).isEqualTo(Duration.ofHours(72));
        assertThat(playbook.answerTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(playbook.holdout()).isEqualTo(new Holdout(10, "onboarding-2026"));
        assertThat(playbook.frequencyCap()).isEqualTo(new FrequencyCap(3, Duration.ofHours(24)));
        assertThat(playbook.personas()).extracting(Persona::id)
                .containsExactly("team-lead", "freelancer", "developer", "explorer");
        assertThat(playbook.defaultPersona().id()).isEqualTo("explorer");
        assertThat(report.experienceCount()).isEqualTo(22).isLessThanOrEqualTo(report.experienceBudget());
        assertThat(report.experiencesByPersona()).containsEntry("team-lead", 6).containsEntry("explorer", 4);

        final Persona teamLead = playbook.persona("team-lead").orElseThrow();
        assertThat(teamLead.activation().milestones())
                .containsExactly(new Milestone("project_created", 3), new Milestone("teammate_invited", 1));
        assertThat(teamLead.welcome()).isEqualTo(new Message(Channel.EMAIL, "team-lead-welcome"));
        assertThat(teamLead.steps()).extracting(OnboardingStep::id)
                .containsExactly("create-project", "invite-teammate", "assign-task");
        assertThat(teamLead.steps().get(2).promptMessage()).isEmpty();
        assertThat(teamLead.triggers()).containsExactly(
                new ActionTrigger("early-momentum", "project_created", 2, Duration.ofHours(24),
                        new Message(Channel.IN_APP, "team-lead-invite-your-team")),
                new InactivityTrigger("quiet-48h", Duration.ofHours(48),
                        new Message(Channel.EMAIL, "team-lead-need-a-hand")),
                new NotDoneTrigger("no-invite-yet", "teammate_invited", Duration.ofHours(36),
                        new Message(Channel.EMAIL, "team-lead-invite-reminder")));
    }

    @Test
    void shouldReadAValidPlaybookWithoutProblems() {
        final PlaybookReport report = PlaybookReader.validate(VALID, SOURCE);

        assertThat(report.problems()).isEmpty();
        assertThat(report.hasErrors()).isFalse();
        assertThat(report.playbook()).isPresent();
        assertThat(report.playbook().orElseThrow().source()).isEqualTo(SOURCE);
        assertThat(report.experienceCount()).isEqualTo(5);
        assertThat(report.experienceBudget()).isEqualTo(12);
    }

    @Test
    void shouldApplyDefaultsWhenOptionalKeysAreAbsent() {
        final String yaml = VALID.replace("activationWindow: 72h\n", "")
                .replace("holdout: {percent: 10, salt: test-salt}\n", "")
                .replace("frequencyCap: {maxCommands: 3, per: 24h}\n", "")
                .replace("{event: project_created, atLeast: 2, within: 24h}", "{event: project_created, within: 24h}");

        final Playbook playbook = PlaybookReader.read(yaml, SOURCE);

        assertThat(playbook.activationWindow()).isEqualTo(Playbook.DEFAULT_ACTIVATION_WINDOW);
        assertThat(playbook.answerTimeout()).isEqualTo(Playbook.DEFAULT_ANSWER_TIMEOUT);
        assertThat(playbook.holdout()).isEqualTo(Holdout.NONE);
        assertThat(playbook.frequencyCap()).isEqualTo(FrequencyCap.NONE);
        assertThat(((ActionTrigger) playbook.personas().get(0).triggers().get(0)).atLeast()).isEqualTo(1);
        assertThat(playbook.persona("explorer").orElseThrow().steps()).isEmpty();
    }

    @Test
    void shouldRejectUnknownKeysAndNameTheAllowedOnes() {
        final PlaybookReport report = read(variant("    triggers:\n      - id: early",
                "    trigers:\n      - id: early"));

        final PlaybookProblem problem = error(report, "personas[0].trigers");
        assertThat(problem.message()).contains("Unknown key 'trigers'", "Did you mean 'triggers'?",
                "allowed here: id, default, answers, activation, welcome, steps, triggers");
    }

    @Test
    void shouldRejectUnknownKeysAtTheTopLevel() {
        final PlaybookReport report = read(VALID + "owner: growth-team\n");

        assertThat(error(report, "owner").message()).contains("Unknown key 'owner'", "Remove it",
                "question, activationWindow, answerTimeout, holdout, frequencyCap, experienceBudget, personas");
    }

    @Test
    void shouldRejectMissingRequiredKeys() {
        final PlaybookReport report = read(variant("experienceBudget: 12\n", "")
                .replace("on: {event: project_created, atLeast: 2, within: 24h}", "on: {atLeast: 2, within: 24h}"));

        assertThat(error(report, "experienceBudget").message())
                .contains("Missing required key 'experienceBudget'", "experienceBudget: 24");
        assertThat(error(report, "personas[0].triggers[0].on.event").message())
                .contains("Missing required key 'event'", "event: project_created");
    }

    @Test
    void shouldRejectValuesOfTheWrongType() {
        final PlaybookReport report = read(variant("experienceBudget: 12", "experienceBudget: many")
                .replace("    default: true", "    default: maybe")
                .replace("answers: [Bill my clients]", "answers: {first: Bill my clients}"));

        assertThat(error(report, "experienceBudget").message()).contains("Expected a whole number", "'many'");
        assertThat(error(report, "personas[2].default").message()).contains("Expected true or false", "'maybe'");
        assertThat(error(report, "personas[1].answers").message()).contains("Expected a list but found a mapping");
    }

    @Test
    void shouldRejectAnEntryThatIsNotAMapping() {
        final PlaybookReport report = read(variant("  - id: freelancer\n", "  - freelancer\n  - id: freelancer\n"));

        assertThat(error(report, "personas[1]").message())
                .contains("Expected a mapping of keys but found 'freelancer'", "{id: team-lead");
    }

    @Test
    void shouldReportAnUnreadableDefaultFlagOnlyOnce() {
        final PlaybookReport report = read(variant("    default: true", "    default: maybe"));

        assertThat(report.errors()).extracting(PlaybookProblem::path).containsExactly("personas[2].default");
    }

    @Test
    void shouldRejectDuplicatePersonaIds() {
        final PlaybookReport report = read(variant("  - id: freelancer", "  - id: team-lead"));

        assertThat(error(report, "personas[1].id").message())
                .contains("Persona id 'team-lead' is already used by personas[0]", "Give each persona its own id");
    }

    @Test
    void shouldRejectDuplicateStepIdsWithinAPersona() {
        final PlaybookReport report = read(variant(
                "{id: create-project, doneWhen: project_created, prompt: {channel: IN_APP, template: tip-project}}",
                "{id: create-project, doneWhen: project_created}\n"
                        + "      - {id: create-project, doneWhen: project_shared}"));

        assertThat(error(report, "personas[0].steps[1].id").message())
                .contains("Id 'create-project' is already used by personas[0].steps[0].id", "Rename it");
    }

    @Test
    void shouldRejectDuplicateTriggerIdsWithinAPersona() {
        final PlaybookReport report = read(variant("id: quiet-48h", "id: early-momentum"));

        assertThat(error(report, "personas[0].triggers[1].id").message())
                .contains("Id 'early-momentum' is already used by personas[0].triggers[0].id");
    }

    @Test
    void shouldAllowTheSameTriggerIdInDifferentPersonas() {
        final PlaybookReport report = read(variant("id: no-invoice-yet", "id: quiet-48h"));

        assertThat(report.problems()).isEmpty();
    }

    @Test
    void shouldRejectATriggerIdThatCollidesWithAStepId() {
        final PlaybookReport report = read(variant("id: quiet-48h", "id: create-project"));

        assertThat(error(report, "personas[0].triggers[1].id").message())
                .contains("Id 'create-project' is already used by personas[0].steps[0].id", "share one namespace");
    }

    @Test
    void shouldRejectTheReservedWelcomeId() {
        final PlaybookReport report = read(variant("id: quiet-48h", "id: welcome"));

        assertThat(error(report, "personas[0].triggers[1].id").message())
                .contains("Id 'welcome' is already used by the welcome message");
    }

    @Test
    void shouldRejectATriggerIdWithTheStepMarkerPrefix() {
        final PlaybookReport report = read(variant("id: quiet-48h", "id: 'step:quiet'"));

        assertThat(error(report, "personas[0].triggers[1].id").message())
                .contains("starts with 'step:'", "reserved for onboarding steps");
    }

    @Test
    void shouldRejectAnAnswerMappedToTwoPersonasIgnoringCaseAndSpace() {
        final PlaybookReport report = read(variant("answers: [Bill my clients]",
                "answers: [Bill my clients, '  COORDINATE my team ']"));

        assertThat(error(report, "personas[1].answers[1]").message()).contains(
                "mapped to both persona 'team-lead' and persona 'freelancer'", "first at personas[0].answers[0]",
                "Keep it in one persona only");
    }

    @Test
    void shouldRejectAPlaybookWithoutADefaultPersona() {
        final PlaybookReport report = read(variant("    default: true\n", "    answers: [Just looking]\n"));

        assertThat(error(report, "personas").message())
                .contains("No persona is the default", "'default: true'");
    }

    @Test
    void shouldRejectASecondDefaultPersona() {
        final PlaybookReport report = read(variant("  - id: freelancer\n", "  - id: freelancer\n    default: true\n"));

        assertThat(error(report, "personas[2].default").message())
                .contains("'explorer' is a second default after 'freelancer'", "exactly one persona");
    }

    @Test
    void shouldRejectMalformedDurations() {
        final PlaybookReport report = read(variant("inactiveFor: 48h", "inactiveFor: 48 hours")
                .replace("activationWindow: 72h", "activationWindow: PT72X"));

        assertThat(error(report, "personas[0].triggers[1].inactiveFor").message())
                .contains("'48 hours' is not a duration", "e.g. 90m, 48h or 2d", "PT48H");
        assertThat(error(report, "activationWindow").message()).contains("'PT72X' is not a duration");
    }

    @Test
    void shouldRejectNonPositiveDurations() {
        final PlaybookReport report = read(variant("within: 36h", "within: 0h")
                .replace("per: 24h", "per: PT-1H"));

        assertThat(error(report, "personas[1].triggers[0].notDone.within").message())
                .contains("Duration '0h' is not positive");
        assertThat(error(report, "frequencyCap.per").message()).contains("Duration 'PT-1H' is not positive");
    }

    @Test
    void shouldRejectADurationWithoutAUnit() {
        final PlaybookReport report = read(variant("activationWindow: 72h", "activationWindow: 72"));

        assertThat(error(report, "activationWindow").message()).contains("'72' has no unit", "48h");
    }

    @Test
    void shouldReadDurationsInBothSyntaxes() {
        final Playbook playbook = PlaybookReader.read(variant("activationWindow: 72h", "activationWindow: P3D")
                .replace("inactiveFor: 48h", "inactiveFor: 2880m")
                .replace("within: 36h", "within: PT36H"), SOURCE);

        assertThat(playbook.activationWindow()).isEqualTo(Duration.ofDays(3));
        assertThat(((InactivityTrigger) playbook.personas().get(0).triggers().get(1)).inactiveFor())
                .isEqualTo(Duration.ofHours(48));
        assertThat(((NotDoneTrigger) playbook.personas().get(1).triggers().get(0)).within())
                .isEqualTo(Duration.ofHours(36));
    }

    @Test
    void shouldRejectAtLeastBelowOne() {
        final PlaybookReport report = read(variant("{event: project_created, atLeast: 3}",
                "{event: project_created, atLeast: 0}").replace("atLeast: 2", "atLeast: -1"));

        assertThat(error(report, "personas[0].activation.atLeast").message())
                .contains("'atLeast' is 0 but must be at least 1");
        assertThat(error(report, "personas[0].triggers[0].on.atLeast").message())
                .contains("'atLeast' is -1 but must be at least 1");
    }

    @Test
    void shouldRejectAHoldoutPercentOutsideZeroToFifty() {
        assertThat(error(read(variant("percent: 10", "percent: 60")), "holdout.percent").message())
                .contains("Holdout percent is 60 but must be between 0 and 50");
        assertThat(error(read(variant("percent: 10", "percent: -5")), "holdout.percent").message())
                .contains("Holdout percent is -5 but must be between 0 and 50");
    }

    @Test
    void shouldRejectAHoldoutWithoutSalt() {
        final PlaybookReport report = read(variant("{percent: 10, salt: test-salt}", "{percent: 10}"));

        assertThat(error(report, "holdout.salt").message()).contains("A holdout of 10% needs a salt", "salt: ");
    }

    @Test
    void shouldRejectAHoldoutWithAnEmptySalt() {
        final PlaybookReport report = read(variant("{percent: 10, salt: test-salt}", "{percent: 10, salt: }"));

        assertThat(error(report, "holdout.salt").message()).contains("A holdout of 10% needs a salt");
    }

    @Test
    void shouldRejectAHoldoutPercentWithMoreThanTwoDecimals() {
        final PlaybookReport report = read(variant("percent: 10", "percent: 12.345"));

        assertThat(error(report, "holdout.percent").message()).contains("more than two decimals", "12.5");
    }

    @Test
    void shouldAcceptANoShareHoldoutWithoutSalt() {
        final Playbook playbook = PlaybookReader.read(variant("{percent: 10, salt: test-salt}", "{percent: 0}"),
                SOURCE);

        assertThat(playbook.holdout().percent()).isZero();
    }

    @Test
    void shouldRejectATriggerWithoutAKind() {
        final PlaybookReport report = read(variant("        inactiveFor: 48h\n", ""));

        assertThat(error(report, "personas[0].triggers[1]").message())
                .contains("exactly one of 'on', 'inactiveFor' or 'notDone' but has none of them");
    }

    @Test
    void shouldRejectATriggerWithSeveralKinds() {
        final PlaybookReport report = read(variant("        inactiveFor: 48h\n",
                "        inactiveFor: 48h\n        notDone: {event: project_shared, within: 24h}\n"));

        assertThat(error(report, "personas[0].triggers[1]").message())
                .contains("but has inactiveFor and notDone", "Keep one");
    }

    @Test
    void shouldRejectAnUnknownChannel() {
        final PlaybookReport report = read(variant("{channel: EMAIL, template: need-a-hand}",
                "{channel: SMS, template: need-a-hand}"));

        assertThat(error(report, "personas[0].triggers[1].send.channel").message())
                .contains("Unknown channel 'SMS'", "EMAIL, IN_APP");
    }

    @Test
    void shouldAcceptChannelsInAnyCase() {
        final Playbook playbook = PlaybookReader.read(variant("{channel: EMAIL, template: need-a-hand}",
                "{channel: email, template: need-a-hand}")
                .replace("{channel: IN_APP, template: invite-your-team}",
                        "{channel: in-app, template: invite-your-team}")
                .replace("{channel: IN_APP, template: tip-project}", "{channel: In_App, template: tip-project}"),
                SOURCE);

        final Persona teamLead = playbook.personas().get(0);
        assertThat(teamLead.triggers()).extracting(trigger -> trigger.message().channel())
                .containsExactly(Channel.IN_APP, Channel.EMAIL);
        assertThat(teamLead.steps().get(0).prompt().channel()).isEqualTo(Channel.IN_APP);
    }

    @Test
    void shouldRejectAnEmptyTemplate() {
        final PlaybookReport report = read(variant("template: team-lead-welcome", "template: ''"));

        assertThat(error(report, "personas[0].welcome.template").message())
                .contains("'template' is empty", "template: team-lead-welcome");
    }

    @Test
    void shouldRejectANonDefaultPersonaWithoutAnswers() {
        final PlaybookReport report = read(variant("    answers: [Bill my clients]\n", ""));

        assertThat(error(report, "personas[1].answers").message())
                .contains("Persona 'freelancer' has no answers", "or make it the default");
    }

    @Test
    void shouldRejectExperiencesOverTheBudget() {
        final Path file = Path.of("src", "test", "resources", "playbooks", "over-budget.yaml");

        final PlaybookReport report = PlaybookReader.validate(file);

        assertThat(report.experienceCount()).isEqualTo(8);
        assertThat(report.experienceBudget()).isEqualTo(6);
        assertThat(report.playbook()).isEmpty();
        final PlaybookProblem problem = error(report, "experienceBudget");
        assertThat(problem.source()).isEqualTo(file.toString());
        assertThat(problem.message()).contains("defines 8 experiences but the budget is 6",
                "'team-lead' 3, 'freelancer' 3, 'explorer' 2", "Cut 2");
    }

    @Test
    void shouldReportAMissingFile() {
        final Path file = Path.of("src", "test", "resources", "playbooks", "does-not-exist.yaml");

        final PlaybookReport report = PlaybookReader.validate(file);

        assertThat(report.errors()).singleElement().hasToString(file + ": File not found. Check the path, or "
                + "start from examples/playbook.yaml.");
    }

    @Test
    void shouldReportInvalidSyntaxWithLineAndColumn() {
        final Path file = Path.of("src", "test", "resources", "playbooks", "bad-syntax.yaml");

        final PlaybookReport report = PlaybookReader.validate(file);

        final PlaybookProblem problem = report.errors().get(0);
        assertThat(report.errors()).hasSize(1);
        assertThat(problem.path()).isEqualTo("line 7, column 16");
        assertThat(problem.toString()).startsWith(file + ": line 7, column 16: Invalid YAML: ");
    }

    @Test
    void shouldRejectAKeyWrittenTwice() {
        final PlaybookReport report = read(variant("experienceBudget: 12\n",
                "experienceBudget: 12\nexperienceBudget: 8\n"));

        assertThat(report.errors()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).startsWith("line ");
            assertThat(problem.message()).contains("experienceBudget");
        });
    }

    @Test
    void shouldRejectAnEmptyPlaybook() {
        final PlaybookReport report = read("# nothing yet\n");

        assertThat(report.errors()).singleElement().hasToString(SOURCE + ": The playbook is empty. Start from "
                + "examples/playbook.yaml.");
    }

    @Test
    void shouldWarnWhenFewerThanTwoPersonasBesidesTheDefault() {
        final String onlyTeamLead = VALID.substring(0, VALID.indexOf("  - id: freelancer"))
                + VALID.substring(VALID.indexOf("  - id: explorer"));

        final PlaybookReport report = read(onlyTeamLead);

        assertThat(report.errors()).isEmpty();
        assertThat(report.playbook()).isPresent();
        assertThat(warning(report, "personas").message())
                .contains("offers 1 persona besides the default", "2 to 4 answers");
    }

    @Test
    void shouldWarnWhenMoreThanFourPersonasBesidesTheDefault() {
        final StringBuilder extra = new StringBuilder();
        for (int index = 1; index <= 3; index++) {
            extra.append("  - {id: extra-").append(index).append(", answers: [Extra ").append(index)
                    .append("], activation: {event: project_created}}\n");
        }

        final PlaybookReport report = read(VALID + extra);

        assertThat(warning(report, "personas").message()).contains("offers 5 personas besides the default");
    }

    @Test
    void shouldWarnWhenAnInactivityTriggerCanNeverFireInsideTheWindow() {
        final PlaybookReport report = read(variant("inactiveFor: 48h", "inactiveFor: 4d"));

        assertThat(report.errors()).isEmpty();
        assertThat(warning(report, "personas[0].triggers[1].inactiveFor").message())
                .contains("'inactiveFor' is 4d, longer than the 3d activation window", "can never fire");
    }

    @Test
    void shouldWarnWhenANotDoneTriggerCanNeverFireInsideTheWindow() {
        final PlaybookReport report = read(variant("within: 36h", "within: 96h"));

        assertThat(warning(report, "personas[1].triggers[0].notDone.within").message())
                .contains("'within' is 4d, longer than the 3d activation window", "can never fire");
    }

    @Test
    void shouldWarnWhenAnActionTriggerLooksPastTheWindow() {
        final PlaybookReport report = read(variant("within: 24h", "within: 80h"));

        assertThat(warning(report, "personas[0].triggers[0].on.within").message())
                .contains("'within' is 80h, longer than the 3d activation window", "no effect");
    }

    @Test
    void shouldReportAllProblemsAtOnce() {
        final Path file = Path.of("src", "test", "resources", "playbooks", "many-problems.yaml");

        final PlaybookReport report = PlaybookReader.validate(file);

        assertThat(report.errors()).extracting(PlaybookProblem::path).containsExactlyInAnyOrder(
                "question.txt",
                "activationWindow",
                "holdout.percent",
                "holdout.salt",
                "frequencyCap.maxCommands",
                "personas[0].activation.atLeast",
                "personas[0].welcome.channel",
                "personas[0].triggers[0]",
                "personas[1].id",
                "personas",
                "personas[1].answers[0]",
                "personas[2].answers");
        assertThat(report.errors()).allSatisfy(problem -> assertThat(problem.source()).isEqualTo(file.toString()));
    }

    @Test
    void shouldThrowWithEveryErrorOnItsOwnLine() {
        final String yaml = variant("percent: 10", "percent: 60")
                .replace("template: team-lead-welcome", "template: ''");

        assertThatThrownBy(() -> PlaybookReader.read(yaml, SOURCE))
                .isInstanceOf(PlaybookException.class)
                .hasMessage(SOURCE + ": holdout.percent: Holdout percent is 60 but must be between 0 and 50. Use a "
                        + "share such as 10.\n"
                        + SOURCE + ": personas[0].welcome.template: 'template' is empty. Write a value, e.g. "
                        + "'template: team-lead-welcome'.");
    }

    @Test
    void shouldNotThrowForWarnings() {
        final Playbook playbook = PlaybookReader.read(variant("inactiveFor: 48h", "inactiveFor: 4d"), SOURCE);

        assertThat(playbook.personas()).hasSize(3);
    }

    private static String variant(final String from, final String to) {
        assertThat(VALID).as("the valid playbook contains the text this test changes").contains(from);
        return VALID.replace(from, to);
    }

    private static PlaybookReport read(final String yaml) {
        return PlaybookReader.validate(yaml, SOURCE);
    }

    private static PlaybookProblem error(final PlaybookReport report, final String path) {
        return problem(report, path, Severity.ERROR);
    }

    private static PlaybookProblem warning(final PlaybookReport report, final String path) {
        return problem(report, path, Severity.WARNING);
    }

    private static PlaybookProblem problem(final PlaybookReport report, final String path, final Severity severity) {
        final List<PlaybookProblem> found = report.problems().stream()
                .filter(problem -> problem.path().equals(path) && problem.severity() == severity).toList();
        assertThat(found).as("%s at '%s' among %s", severity, path, report.problems()).hasSize(1);
        final PlaybookProblem problem = found.get(0);
        assertThat(problem.toString()).startsWith(report.source() + ": " + path + ": ");
        if (severity == Severity.ERROR) {
            assertThat(report.playbook()).isEmpty();
        }
        return problem;
    }
}
