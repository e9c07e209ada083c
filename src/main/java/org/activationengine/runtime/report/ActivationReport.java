package org.activationengine.runtime.report;

import java.util.Map;
import java.util.TreeMap;
import org.activationengine.schema.ExperimentGroup;
import org.activationengine.schema.InterventionCommand;
import org.activationengine.schema.PersonaActivationCounts;

/**
 * Sums what the engine produced into the table a growth team reads: per persona, signups and activation rate in
 * treatment and holdout with 95% confidence intervals, and commands per trigger and channel. Shared by replay and
 * the demo; thread-safe, since replay drivers report from several threads.
 */
public final class ActivationReport {

    private static final double Z_95 = 1.959964;

    private final Map<String, PersonaActivationCounts> latestCounts = new TreeMap<>();
    private final Map<String, Long> commandsByTrigger = new TreeMap<>();
    private final Map<String, Long> suppressed = new TreeMap<>();
    private long commands;

    /**
     * Records the latest counts of one persona, group and cohort day (later values replace earlier ones).
     *
     * @param key    persona|group|cohortDay
     * @param counts the counts
     */
    public synchronized void counts(final String key, final PersonaActivationCounts counts) {
        latestCounts.put(key, counts);
    }

    /**
     * Records one issued command.
     *
     * @param command the command
     */
    public synchronized void command(final InterventionCommand command) {
        commands++;
        commandsByTrigger.merge(command.getPersona() + " / " + command.getTriggerId() + " / " + command.getChannel(),
                1L, Long::sum);
    }

    /**
     * Records a command that a rule produced but that was not sent.
     *
     * @param reason why (holdout, frequency cap)
     */
    public synchronized void suppressed(final String reason) {
        suppressed(reason, 1);
    }

    /**
     * Records commands that rules produced but that were not sent.
     *
     * @param reason why (holdout, frequency cap)
     * @param count  how many
     */
    public synchronized void suppressed(final String reason, final long count) {
        suppressed.merge(reason, count, Long::sum);
    }

    /** @return the number of commands recorded */
    public long commandCount() {
        return commands;
    }

    /** @return signups summed over every persona, group and day */
    public long totalSignups() {
        return latestCounts.values().stream().mapToLong(PersonaActivationCounts::getSignups).sum();
    }

    /** @return totals per persona and group, keyed persona then group */
    public Map<String, Map<ExperimentGroup, long[]>> totals() {
        final Map<String, Map<ExperimentGroup, long[]>> totals = new TreeMap<>();
        for (final PersonaActivationCounts counts : latestCounts.values()) {
            final long[] sums = totals.computeIfAbsent(counts.getPersona(), persona -> new TreeMap<>())
                    .computeIfAbsent(counts.getGroup(), group -> new long[3]);
            sums[0] += counts.getSignups();
            sums[1] += counts.getActivated();
            sums[2] += counts.getCommandsSent();
        }
        return totals;
    }

    /** @return the report as a text table */
    public String render() {
        final StringBuilder text = new StringBuilder();
        text.append(String.format("%-14s %-9s %8s %9s %7s %17s %9s%n", "persona", "group", "signups", "activated",
                "rate", "95% interval", "commands"));
        totals().forEach((persona, groups) -> groups.forEach((group, sums) -> {
            final double[] interval = wilson(sums[1], sums[0]);
            text.append(String.format("%-14s %-9s %8d %9d %6.1f%% %7.1f%% - %5.1f%% %9d%n", persona, group, sums[0],
                    sums[1], percent(sums[1], sums[0]), interval[0] * 100, interval[1] * 100, sums[2]));
        }));
        text.append(String.format("%nCommands per persona / trigger / channel (%d in all)%n", commands));
        commandsByTrigger.forEach((trigger, count) -> text.append(String.format("  %-58s %7d%n", trigger, count)));
        suppressed.forEach((reason, count) -> text.append(String.format("Not sent (%s): %d%n", reason, count)));
        return text.toString();
    }

    private static double percent(final long part, final long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    /** Wilson score interval: honest for small groups and rates near 0 or 1, unlike the normal approximation. */
    static double[] wilson(final long successes, final long trials) {
        if (trials == 0) {
            return new double[] {0, 0};
        }
        final double p = (double) successes / trials;
        final double z2 = Z_95 * Z_95;
        final double centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
        final double margin = Z_95 * Math.sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials))
                / (1 + z2 / trials);
        return new double[] {Math.max(0, centre - margin), Math.min(1, centre + margin)};
    }
}
