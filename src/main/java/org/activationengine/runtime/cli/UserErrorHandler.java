package org.activationengine.runtime.cli;

import org.activationengine.playbook.PlaybookException;
import org.activationengine.runtime.config.ConfigException;
import picocli.CommandLine;

/**
 * Prints errors a user caused (bad playbook, bad config, bad input file) as their message alone, without a stack
 * trace, and exits with status 1; anything else is a bug and keeps its stack trace.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(final Exception exception, final CommandLine commandLine,
            final CommandLine.ParseResult parseResult) throws Exception {
        if (exception instanceof PlaybookException || exception instanceof ConfigException
                || exception instanceof InputFileException) {
            commandLine.getErr().println("error: " + exception.getMessage());
            return 1;
        }
        throw exception;
    }
}
