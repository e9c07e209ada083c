package org.activationengine.playbook;

import static org.activationengine.playbook.YamlFields.child;
import static org.activationengine.playbook.YamlFields.element;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the rules of a playbook that span fields or personas: unique ids, one persona per answer, exactly one
 * default, a sensible number of personas, triggers that can fire inside the activation window, and the
 * experience budget. It accepts the partly read drafts of {@link PlaybookReader}, skipping values that are
 * missing because the reader already reported them.
 */
public final class PlaybookLinter {

    /** The id under which the engine records that a persona's welcome message was sent. */
    public static final String WELCOME_ID = "welcome";

    /** The prefix under which the engine records that a step's prompt was sent. */
    public static final String STEP_MARKER_PREFIX = "step:";

    private static final int FEWEST_ANSWERED_PERSONAS = 2;
    private static final int MOST_ANSWERED_PERSONAS = 4;

    private final Playbook playbook;
    private final Set<String> unreadable;
    private final PlaybookProblems problems;

    private PlaybookLinter(final Playbook playbook, final Set<String> unreadable) {
        this.playbook = playbook;
        this.unreadable = Set.copyOf(unreadable);
        this.problems = new PlaybookProblems(playbook.source());
    }

    /**
     * Lints a complete playbook.
     *
     * @param playbook the playbook
     * @return the errors and warnings found, located by path in the playbook's source
     */
    public static List<PlaybookProblem> lint(final Playbook playbook) {
        return lint(playbook, Set.of());
    }

    /**
     * Lints a draft whose values at some paths could not be read. Rules that depend on those values are
     * skipped, so one mistake is reported once instead of again as its consequences.
     *
     * @param playbook   the draft
     * @param unreadable the paths at which the reader already reported an error
     * @return the errors and warnings found
     */
    static List<PlaybookProblem> lint(final Playbook playbook, final Set<String> unreadable) {
        final PlaybookLinter linter = new PlaybookLinter(playbook, unreadable);
        linter.checkPersonaIds();
        if (linter.defaultsReadable()) {
            linter.checkDefaultPersona();
            linter.checkPersonaCount();
        }
        linter.checkAnswers();
        for (int index = 0; index < playbook.personas().size(); index++) {
            linter.checkMarkerIds(playbook.personas().get(index), element("personas", index));
            linter.checkTiming(playbook.personas().get(index), element("personas", index));
        }
        linter.checkBudget();
        return linter.problems.all();
    }

    private void checkPersonaIds() {
        final Map<String, String> seen = new HashMap<>();
        for (int index = 0; index < playbook.personas().size(); index++) {
            final String id = playbook.personas().get(index).id();
            final String path = element("personas", index);
            if (id == null) {
                continue;
            }
            final String earlier = seen.putIfAbsent(id, path);
            if (earlier != null) {
                problems.error(child(path, "id"), "Persona id '" + id + "' is already used by " + earlier
                        + ". Give each persona its own id.");
            }
        }
    }

    private void checkDefaultPersona() {
        final List<Persona> personas = playbook.personas();
        final List<Integer> defaults = new ArrayList<>();
        for (int index = 0; index < personas.size(); index++) {
            if (personas.get(index).isDefault()) {
                defaults.add(index);
            }
        }
        if (defaults.isEmpty() && !personas.isEmpty()) {
            problems.error("personas", "No persona is the default. Mark exactly one persona with 'default: true'; "
                    + "it receives users whose answer is missing or unknown.");
        }
        for (int position = 1; position < defaults.size(); position++) {
            final int index = defaults.get(position);
            problems.error(child(element("personas", index), "default"), "Persona " + label(index)
                    + " is a second default after " + label(defaults.get(0)) + ". Keep 'default: true' on "
                    + "exactly one persona.");
        }
    }

    private void checkAnswers() {
        final Map<String, Integer> personaOfAnswer = new HashMap<>();
        final Map<String, String> pathOfAnswer = new HashMap<>();
        for (int index = 0; index < playbook.personas().size(); index++) {
            final Persona persona = playbook.personas().get(index);
            final String answersPath = child(element("personas", index), "answers");
            if (persona.answers().isEmpty() && !persona.isDefault() && persona.id() != null
                    && !unreadable.contains(answersPath) && defaultReadable(index)) {
                problems.error(answersPath, "Persona " + label(index) + " has no answers, so no user can reach "
                        + "it. List the qualifying answers that select it, or make it the default.");
            }
            for (int position = 0; position < persona.answers().size(); position++) {
                final String answer = persona.answers().get(position);
                if (answer.isBlank()) {
                    continue;
                }
                final String normalized = PersonaResolver.normalize(answer);
                final String path = element(answersPath, position);
                final Integer other = personaOfAnswer.putIfAbsent(normalized, index);
                pathOfAnswer.putIfAbsent(normalized, path);
                if (other != null) {
                    final String where = other == index ? "twice in persona " + label(index)
                            : "to both persona " + label(other) + " and persona " + label(index);
                    problems.error(path, "Answer '" + answer + "' is mapped " + where + " (first at "
                            + pathOfAnswer.get(normalized) + "); answers match ignoring case and surrounding "
                            + "space. Keep it in one persona only.");
                }
            }
        }
    }

    /** @return true when it is known which personas are the default, so rules about it can be checked */
    private boolean defaultsReadable() {
        for (int index = 0; index < playbook.personas().size(); index++) {
            if (!defaultReadable(index)) {
                return false;
            }
        }
        return true;
    }

    private boolean defaultReadable(final int index) {
        final String path = element("personas", index);
        return !unreadable.contains(path) && !unreadable.contains(child(path, "default"));
    }

    private void checkPersonaCount() {
        final long answered = playbook.personas().stream().filter(persona -> !persona.isDefault()).count();
        if (answered < FEWEST_ANSWERED_PERSONAS || answered > MOST_ANSWERED_PERSONAS) {
            problems.warning("personas", "The question offers " + answered + " persona" + (answered == 1 ? "" : "s")
                    + " besides the default. One qualifying question works best with 2 to 4 answers; merge or "
                    + "split personas so it does.");
        }
    }

    /**
     * The engine keys its per-user "already sent" markers by trigger id, by {@value #WELCOME_ID} and by
     * {@code step:<stepId>}, so two of these sharing a name would make one message suppress the other.
     */
    private void checkMarkerIds(final Persona persona, final String personaPath) {
        final Map<String, String> used = new HashMap<>();
        used.put(WELCOME_ID, "the welcome message");
        for (int index = 0; index < persona.steps().size(); index++) {
            claim(used, persona.steps().get(index).id(), child(element(child(personaPath, "steps"), index), "id"));
        }
        for (int index = 0; index < persona.triggers().size(); index++) {
            final String id = persona.triggers().get(index).id();
            final String path = child(element(child(personaPath, "triggers"), index), "id");
            if (id != null && id.startsWith(STEP_MARKER_PREFIX)) {
                problems.error(path, "Trigger id '" + id + "' starts with '" + STEP_MARKER_PREFIX + "', which is "
                        + "reserved for onboarding steps. Rename the trigger, e.g. '"
                        + id.substring(STEP_MARKER_PREFIX.length()) + "-nudge'.");
            } else {
                claim(used, id, path);
            }
        }
    }

    private void claim(final Map<String, String> used, final String id, final String path) {
        if (id == null) {
            return;
        }
        final String holder = used.putIfAbsent(id, path);
        if (holder != null) {
            problems.error(path, "Id '" + id + "' is already used by " + holder + " in this persona; step ids, "
                    + "trigger ids and 'welcome' share one namespace because the engine records sent messages "
                    + "under them. Rename it.");
        }
    }

    private void checkTiming(final Persona persona, final String personaPath) {
        final Duration window = playbook.activationWindow();
        if (window == null) {
            return;
        }
        for (int index = 0; index < persona.triggers().size(); index++) {
            final String path = element(child(personaPath, "triggers"), index);
            final Trigger trigger = persona.triggers().get(index);
            if (trigger instanceof ActionTrigger action && longer(action.within(), window)) {
                problems.warning(child(path, "on.within"), "'within' is " + Durations.format(action.within())
                        + ", longer than the " + Durations.format(window) + " activation window; the engine sends "
                        + "nothing after the window closes, so the extra time has no effect. Shorten it to at most "
                        + Durations.format(window) + ".");
            } else if (trigger instanceof InactivityTrigger inactivity && longer(inactivity.inactiveFor(), window)) {
                problems.warning(child(path, "inactiveFor"), neverFires("'inactiveFor'", inactivity.inactiveFor(),
                        window));
            } else if (trigger instanceof NotDoneTrigger notDone && longer(notDone.within(), window)) {
                problems.warning(child(path, "notDone.within"), neverFires("'within'", notDone.within(), window));
            }
        }
    }

    private static boolean longer(final Duration duration, final Duration window) {
        return duration != null && duration.compareTo(window) > 0;
    }

    private static String neverFires(final String what, final Duration duration, final Duration window) {
        return what + " is " + Durations.format(duration) + ", longer than the " + Durations.format(window)
                + " activation window, so the trigger can never fire: the engine sends nothing after the window "
                + "closes. Shorten it to at most " + Durations.format(window) + " or lengthen activationWindow.";
    }

    private void checkBudget() {
        final int budget = playbook.experienceBudget();
        final int count = playbook.experienceCount();
        // A budget below 1 is missing or invalid, which the reader has already reported.
        if (budget < 1 || count <= budget) {
            return;
        }
        final List<String> perPersona = new ArrayList<>();
        for (int index = 0; index < playbook.personas().size(); index++) {
            perPersona.add(label(index) + " " + playbook.personas().get(index).experienceCount());
        }
        problems.error("experienceBudget", "The playbook defines " + count + " experiences but the budget is "
                + budget + " (" + String.join(", ", perPersona) + "; welcome, step prompts and triggers each "
                + "count one). Cut " + (count - budget) + " of them, or raise experienceBudget only if the team "
                + "will write, test and maintain them all.");
    }

    private String label(final int index) {
        final String id = playbook.personas().get(index).id();
        return id == null ? element("personas", index) : "'" + id + "'";
    }
}
