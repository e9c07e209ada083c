package org.activationengine.runtime.config;

/** A configuration the engine refuses to start with; the message names the source, the key and the fix. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, where, and what to do
     */
    public ConfigException(final String message) {
        super(message);
    }
}
