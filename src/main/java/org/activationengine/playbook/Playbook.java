package org.activationengine.playbook;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A validated playbook: the personas of one qualifying question and the rules shared by all of them.
 * Build one with {@link PlaybookReader}, which refuses invalid input with precise messages.
 *
 * @param source            where the playbook was read from, for messages
 * @param questionId        the id of the qualifying signup question
 * @param activationWindow  how long after signup activation counts and interventions are sent
 * @param answerTimeout     how long to wait for the answer before assigning the default persona
 * @param holdout           the holdout share and salt
 * @param frequencyCap      the per-user command cap
 * @param experienceBudget  the most experiences the team agreed to maintain
 * @param personas          the personas, exactly one of them the default
 */
public record Playbook(String source, String questionId, Duration activationWindow, Duration answerTimeout,
        Holdout holdout, FrequencyCap frequencyCap, int experienceBudget, List<Persona> personas) {

    /** Default activation window when the playbook sets none. */
    public static final Duration DEFAULT_ACTIVATION_WINDOW = Duration.ofHours(72);

    /** Default answer timeout when the playbook sets none. */
    public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofHours(1);

    /** Copies the persona list so a playbook is immutable. */
    public Playbook {
        personas = List.copyOf(personas);
    }

    /**
     * Finds a persona by id.
     *
     * @param id the persona id
     * @return the persona, or empty when the playbook has none of that id (e.g. after a playbook change)
     */
    public Optional<Persona> persona(final String id) {
        return personas.stream().filter(persona -> persona.id().equals(id)).findFirst();
    }

    /** @return the persona that catches missing and unknown answers */
    public Persona defaultPersona() {
        return personas.stream().filter(Persona::isDefault).findFirst()
                .orElseThrow(() -> new IllegalStateException("playbook '" + source + "' has no default persona"));
    }

    /** @return the number of distinct messages the playbook makes a team write and maintain */
    public int experienceCount() {
        return personas.stream().mapToInt(Persona::experienceCount).sum();
    }

    /** @return every event name any persona reacts to; events outside this set only count as activity */
    public Set<String> eventNames() {
        final Set<String> names = new LinkedHashSet<>();
        personas.forEach(persona -> names.addAll(persona.eventNames()));
        return Set.copyOf(names);
    }
}
