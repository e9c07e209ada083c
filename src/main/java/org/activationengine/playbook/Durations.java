package org.activationengine.playbook;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the durations of a playbook: a whole number and a unit ({@code 500ms}, {@code 30s},
 * {@code 90m}, {@code 48h}, {@code 2d}) or ISO-8601 ({@code PT48H}, {@code P2D}).
 */
public final class Durations {

    /** What a valid duration looks like; ends every parse error so the user knows what to write. */
    public static final String EXPECTED_FORMAT =
            "Write a whole number and a unit (ms, s, m, h, d), e.g. 90m, 48h or 2d, or ISO-8601 such as PT48H";

    private static final long SECONDS_PER_MINUTE = 60;
    private static final long SECONDS_PER_HOUR = 3_600;
    private static final long SECONDS_PER_DAY = 86_400;

    private static final Pattern COMPACT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Parses a duration in either syntax. Zero and negative values parse; callers that need a positive
     * duration check it themselves so they can say where the value came from.
     *
     * @param text the duration as written, surrounding space ignored
     * @return the duration
     * @throws IllegalArgumentException when the text is neither syntax; the message says what to write
     */
    public static Duration parse(final String text) {
        final String trimmed = text.strip();
        final Matcher compact = COMPACT.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (compact.matches()) {
            return compact(compact.group(1), compact.group(2), text);
        }
        if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return Duration.parse(trimmed);
            } catch (final DateTimeParseException e) {
                throw notADuration(text);
            }
        }
        throw notADuration(text);
    }

    /**
     * Prints a duration in the largest unit that holds it exactly, so {@code 90m} stays {@code 90m} and
     * {@code 48h} becomes {@code 2d}; used in human-readable reasons and messages.
     *
     * @param duration the duration
     * @return the compact form, e.g. {@code 2d}, {@code 36h}, {@code 90m}, {@code 1500ms}
     */
    public static String format(final Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        if (duration.getNano() != 0) {
            // Playbook durations are never finer than a millisecond, so nothing meaningful is dropped here.
            return duration.toMillis() + "ms";
        }
        final long seconds = duration.getSeconds();
        if (seconds == 0) {
            return "0s";
        }
        if (seconds % SECONDS_PER_DAY == 0) {
            return seconds / SECONDS_PER_DAY + "d";
        }
        if (seconds % SECONDS_PER_HOUR == 0) {
            return seconds / SECONDS_PER_HOUR + "h";
        }
        if (seconds % SECONDS_PER_MINUTE == 0) {
            return seconds / SECONDS_PER_MINUTE + "m";
        }
        return seconds + "s";
    }

    private static Duration compact(final String amount, final String unit, final String text) {
        try {
            final long value = Long.parseLong(amount);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(value);
                case "s" -> Duration.ofSeconds(value);
                case "m" -> Duration.ofMinutes(value);
                case "h" -> Duration.ofHours(value);
                default -> Duration.ofDays(value);
            };
        } catch (final NumberFormatException | ArithmeticException e) {
            // Only absurdly long digit strings get here; they are no more a usable duration than "abc".
            throw notADuration(text);
        }
    }

    private static IllegalArgumentException notADuration(final String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration. " + EXPECTED_FORMAT);
    }
}
