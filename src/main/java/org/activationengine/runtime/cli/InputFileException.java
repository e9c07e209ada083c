package org.activationengine.runtime.cli;

/** An input file the user gave cannot be used; the message names the file, the line and the fix. */
public final class InputFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, where, and what to do
     */
    public InputFileException(final String message) {
        super(message);
    }
}
