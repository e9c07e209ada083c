package org.activationengine.playbook;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The keys the playbook format allows in each section, with an example of each, so that messages about a
 * missing or misspelt key can show the user what to write.
 */
final class PlaybookKeys {

    static final List<String> ROOT = List.of("question", "activationWindow", "answerTimeout", "holdout",
            "frequencyCap", "experienceBudget", "personas");
    static final List<String> QUESTION = List.of("id", "text");
    static final List<String> HOLDOUT = List.of("percent", "salt");
    static final List<String> FREQUENCY_CAP = List.of("maxCommands", "per");
    static final List<String> PERSONA = List.of("id", "default", "answers", "activation", "welcome", "steps",
            "triggers");
    static final List<String> MILESTONE = List.of("event", "atLeast");
    static final List<String> ALL_OF = List.of("allOf");
    static final List<String> MESSAGE = List.of("channel", "template");
    static final List<String> STEP = List.of("id", "doneWhen", "prompt");
    static final List<String> TRIGGER = List.of("id", "on", "inactiveFor", "notDone", "send");
    static final List<String> TRIGGER_KINDS = List.of("on", "inactiveFor", "notDone");
    static final List<String> ACTION = List.of("event", "atLeast", "within");
    static final List<String> NOT_DONE = List.of("event", "within");

    private static final int MAX_TYPO_DISTANCE = 2;
    private static final int SHORT_KEY = 4;

    private static final Map<String, String> EXAMPLES = Map.ofEntries(
            Map.entry("question", "question: {id: primary-goal}"),
            Map.entry("experienceBudget", "experienceBudget: 24"),
            Map.entry("personas", "personas: [{id: explorer, default: true, activation: {event: project_created}}]"),
            Map.entry("percent", "percent: 10"),
            Map.entry("salt", "salt: onboarding-2026"),
            Map.entry("maxCommands", "maxCommands: 3"),
            Map.entry("per", "per: 24h"),
            Map.entry("id", "id: team-lead"),
            Map.entry("activation", "activation: {event: project_created, atLeast: 3}"),
            Map.entry("event", "event: project_created"),
            Map.entry("atLeast", "atLeast: 2"),
            Map.entry("allOf", "allOf: [{event: project_created}]"),
            Map.entry("channel", "channel: EMAIL"),
            Map.entry("template", "template: team-lead-welcome"),
            Map.entry("doneWhen", "doneWhen: project_created"),
            Map.entry("within", "within: 24h"),
            Map.entry("send", "send: {channel: EMAIL, template: need-a-hand}"));

    private PlaybookKeys() {
    }

    /**
     * @param key a key of the format
     * @return a line the user could write for it
     */
    static String example(final String key) {
        return EXAMPLES.getOrDefault(key, key + ": ...");
    }

    /**
     * Finds the allowed key an unknown key was probably meant to be, to turn "unknown key" into a fix.
     *
     * @param key     the unknown key
     * @param allowed the keys allowed at that place
     * @return the closest allowed key within a couple of typing mistakes, or null
     */
    static String closest(final String key, final List<String> allowed) {
        String best = null;
        // Short keys are one or two edits from almost anything, so they only get a suggestion for one slip.
        int bestDistance = (key.length() <= SHORT_KEY ? 1 : MAX_TYPO_DISTANCE) + 1;
        for (final String candidate : allowed) {
            final int distance = distance(key.toLowerCase(Locale.ROOT),
                    candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
    private static int distance(final String a, final String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
