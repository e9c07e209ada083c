package org.activationengine.playbook;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a qualifying answer to a persona. Matching ignores case and surrounding space; a missing, blank or
 * unknown answer maps to the default persona.
 */
public final class PersonaResolver {

    private final Map<String, Persona> byAnswer = new HashMap<>();
    private final Persona defaultPersona;

    /**
     * Indexes the answers of a playbook.
     *
     * @param playbook a validated playbook (answers are unique across personas)
     */
    public PersonaResolver(final Playbook playbook) {
        for (final Persona persona : playbook.personas()) {
            for (final String answer : persona.answers()) {
                byAnswer.put(normalize(answer), persona);
            }
        }
        this.defaultPersona = playbook.defaultPersona();
    }

    /**
     * Resolves an answer.
     *
     * @param answer the answer as given, or null when the user skipped the question
     * @return the matching persona, or the default persona
     */
    public Persona resolve(final String answer) {
        if (answer == null) {
            return defaultPersona;
        }
        return byAnswer.getOrDefault(normalize(answer), defaultPersona);
    }

    /**
     * The form answers are compared in; the playbook reader uses it to find one answer mapped twice.
     *
     * @param answer an answer
     * @return the answer trimmed and lower-cased
     */
    public static String normalize(final String answer) {
        return answer.strip().toLowerCase(Locale.ROOT);
    }
}
