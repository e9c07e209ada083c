package org.activationengine.playbook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of validating a playbook: the playbook when it has no errors, every error and warning found,
 * and the experience count against the budget, so a lint command can print all of it at once.
 */
public final class PlaybookReport {

    private final String source;
    private final Playbook playbook;
    private final List<PlaybookProblem> problems;
    private final int experienceBudget;
    private final Map<String, Integer> experiencesByPersona;

    /**
     * @param source               the file or source name that was read
     * @param playbook             the playbook, or null when there are errors
     * @param problems             every problem found, errors and warnings
     * @param experienceBudget     the budget the playbook sets, 0 when it sets no valid one
     * @param experiencesByPersona experiences per persona id, in playbook order
     */
    PlaybookReport(final String source, final Playbook playbook, final List<PlaybookProblem> problems,
            final int experienceBudget, final Map<String, Integer> experiencesByPersona) {
        this.source = source;
        this.playbook = playbook;
        this.problems = List.copyOf(problems);
        this.experienceBudget = experienceBudget;
        this.experiencesByPersona = Collections.unmodifiableMap(new LinkedHashMap<>(experiencesByPersona));
    }

    /** @return the file or source name that was read */
    public String source() {
        return source;
    }

    /** @return the playbook, present only when there are no errors (warnings allowed) */
    public Optional<Playbook> playbook() {
        return Optional.ofNullable(playbook);
    }

    /** @return every problem, errors and warnings, in the order they were found */
    public List<PlaybookProblem> problems() {
        return problems;
    }

    /** @return the problems that make the playbook unusable */
    public List<PlaybookProblem> errors() {
        return problems.stream().filter(PlaybookProblem::isError).toList();
    }

    /** @return the problems that do not prevent using the playbook */
    public List<PlaybookProblem> warnings() {
        return problems.stream().filter(problem -> !problem.isError()).toList();
    }

    /** @return true when the playbook cannot be used */
    public boolean hasErrors() {
        return problems.stream().anyMatch(PlaybookProblem::isError);
    }

    /** @return the experiences the playbook defines (as far as it could be read), summed over personas */
    public int experienceCount() {
        return experiencesByPersona.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** @return the experience budget the playbook sets, 0 when it sets no valid one */
    public int experienceBudget() {
        return experienceBudget;
    }

    /**
     * @return experiences per persona id in playbook order; a persona without a readable id is keyed by its
     *         path, e.g. {@code personas[2]}
     */
    public Map<String, Integer> experiencesByPersona() {
        return experiencesByPersona;
    }

    /**
     * Returns the playbook or refuses it.
     *
     * @return the playbook
     * @throws PlaybookException listing every error when there is at least one
     */
    public Playbook orThrow() {
        if (playbook == null) {
            throw new PlaybookException(errors());
        }
        return playbook;
    }
}
