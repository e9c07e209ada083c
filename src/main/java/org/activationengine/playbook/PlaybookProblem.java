package org.activationengine.playbook;

/**
 * One thing wrong with a playbook, located precisely enough to fix without searching: the file, the path
 * inside it (e.g. {@code personas[1].triggers[0].on.within}) and a message saying what is wrong and what to do.
 *
 * @param severity whether the playbook is refused ({@link Severity#ERROR}) or only questionable
 * @param source   the file (or other source name) the playbook was read from
 * @param path     where inside the playbook, or a line and column for syntax errors; empty for the whole file
 * @param message  what is wrong, then how to fix it
 */
public record PlaybookProblem(Severity severity, String source, String path, String message) {

    /** How serious a problem is. */
    public enum Severity {
        /** The playbook cannot be used until this is fixed. */
        ERROR,
        /** The playbook works, but this part of it probably does not do what its author intended. */
        WARNING
    }

    /** @return true when this problem makes the playbook unusable */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** @return {@code <file>: <path>: <message>}, leaving out the path when the problem is about the whole file */
    @Override
    public String toString() {
        return path.isEmpty() ? source + ": " + message : source + ": " + path + ": " + message;
    }
}
