package org.activationengine.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void shouldParseEveryCompactUnit() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("48h")).isEqualTo(Duration.ofHours(48));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void shouldParseIsoDurations() {
        assertThat(Durations.parse("PT48H")).isEqualTo(Duration.ofHours(48));
        assertThat(Durations.parse("P2D")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void shouldIgnoreCaseAndSurroundingSpace() {
        assertThat(Durations.parse(" 48H ")).isEqualTo(Duration.ofHours(48));
        assertThat(Durations.parse("pt36h")).isEqualTo(Duration.ofHours(36));
    }

    @Test
    void shouldRejectTextThatIsNotADurationAndSayWhatToWrite() {
        for (final String text : new String[] {"48", "48 hours", "1.5h", "h", "P2X", "48w", ""}) {
            assertThatThrownBy(() -> Durations.parse(text))
                    .as(text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a duration")
                    .hasMessageContaining("e.g. 90m, 48h or 2d");
        }
    }

    @Test
    void shouldRejectNumbersTooLargeForADuration() {
        assertThatThrownBy(() -> Durations.parse("99999999999999999999d"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldPrintInTheLargestExactUnit() {
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.format(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(Durations.format(Duration.ofHours(48))).isEqualTo("2d");
        assertThat(Durations.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofHours(-2))).isEqualTo("-2h");
    }

    @Test
    void shouldPrintWhatItParsesBack() {
        for (final String text : new String[] {"250ms", "30s", "90m", "36h", "3d"}) {
            assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
        }
    }
}
