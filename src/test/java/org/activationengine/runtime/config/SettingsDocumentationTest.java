package org.activationengine.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every engine setting is documented in the README's table with its environment variable and default. */
class SettingsDocumentationTest {

    @Test
    void shouldDocumentEverySettingInTheReadme() throws IOException {
        final String readme = Files.readString(Path.of("README.md"));

        for (final EngineSetting setting : EngineSetting.values()) {
            final String defaultCell = setting.defaultValue() == null ? "—" : "`" + setting.defaultValue() + "`";
            assertThat(readme).as("README row of '%s'", setting.key())
                    .contains("| `" + setting.key() + "` | `" + setting.environmentVariable() + "` | " + defaultCell
                            + " | ");
        }
    }
}
