package org.activationengine.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class PersonaResolverTest {

    private final PersonaResolver resolver =
            new PersonaResolver(PlaybookReader.read(Path.of("examples", "playbook.yaml")));

    @Test
    void shouldResolveAnAnswerToItsPersona() {
        assertThat(resolver.resolve("Coordinate my team").id()).isEqualTo("team-lead");
        assertThat(resolver.resolve("Bill my clients").id()).isEqualTo("freelancer");
        assertThat(resolver.resolve("Integrate with our API").id()).isEqualTo("developer");
    }

    @Test
    void shouldIgnoreCaseAndSurroundingSpace() {
        assertThat(resolver.resolve("  coordinate MY team\t").id()).isEqualTo("team-lead");
        assertThat(resolver.resolve("AUTOMATE WITH SCRIPTS").id()).isEqualTo("developer");
    }

    @Test
    void shouldResolveAnswersOfTheDefaultPersonaToIt() {
        assertThat(resolver.resolve("Just exploring").id()).isEqualTo("explorer");
    }

    @Test
    void shouldFallBackToTheDefaultForUnknownMissingOrBlankAnswers() {
        assertThat(resolver.resolve("Something we never asked").id()).isEqualTo("explorer");
        assertThat(resolver.resolve(null).id()).isEqualTo("explorer");
        assertThat(resolver.resolve("   ").id()).isEqualTo("explorer");
    }
}
