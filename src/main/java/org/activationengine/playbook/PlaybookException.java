package org.activationengine.playbook;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a playbook has errors; the message lists every one of them, one per line. */
public final class PlaybookException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<PlaybookProblem> errors;

    /**
     * @param errors the errors that make the playbook unusable, at least one
     */
    public PlaybookException(final List<PlaybookProblem> errors) {
        super(errors.stream().map(PlaybookProblem::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    /** @return the errors, in the order they were found */
    public List<PlaybookProblem> errors() {
        return errors;
    }
}
