package org.activationengine.playbook;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one playbook source as reading and linting find them, so all are reported at once. */
final class PlaybookProblems {

    private final String source;
    private final List<PlaybookProblem> problems = new ArrayList<>();

    PlaybookProblems(final String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    void error(final String path, final String message) {
        problems.add(new PlaybookProblem(PlaybookProblem.Severity.ERROR, source, path, message));
    }

    void warning(final String path, final String message) {
        problems.add(new PlaybookProblem(PlaybookProblem.Severity.WARNING, source, path, message));
    }

    void addAll(final List<PlaybookProblem> found) {
        problems.addAll(found);
    }

    boolean hasErrors() {
        return problems.stream().anyMatch(PlaybookProblem::isError);
    }

    List<PlaybookProblem> all() {
        return List.copyOf(problems);
    }
}
