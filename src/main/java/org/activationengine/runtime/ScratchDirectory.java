package org.activationengine.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Short-lived working directories (replay state, demo data, an embedded broker's temporary files). */
public final class ScratchDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ScratchDirectory.class);

    private ScratchDirectory() {
    }

    /**
     * @param parent the directory to create it in (created when missing)
     * @param prefix the start of its name
     * @return a new, empty directory
     */
    public static Path create(final Path parent, final String prefix) {
        try {
            return Files.createTempDirectory(Files.createDirectories(parent), prefix);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot create a working directory in '" + parent + "'", e);
        }
    }

    /**
     * Deletes a file or a directory with everything in it; a failure is logged, since what is left behind is
     * only disk space.
     *
     * @param path what to delete
     */
    public static void delete(final Path path) {
        try {
            Utils.delete(path.toFile());
        } catch (final IOException e) {
            LOG.warn("Cannot delete '{}'; remove it by hand", path, e);
        }
    }
}
