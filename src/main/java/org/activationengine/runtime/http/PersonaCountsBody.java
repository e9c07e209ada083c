package org.activationengine.runtime.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code GET /personas}: counts per persona, group and cohort day, and the same summed over cohort
 * days so a team reads treatment against holdout at a glance.
 *
 * @param cohorts counts per persona, group and signup day
 * @param totals  counts per persona and group over all cohort days
 */
record PersonaCountsBody(List<Cohort> cohorts, List<Total> totals) {

    /**
     * @param cohorts counts per persona, group and cohort day, from any number of instances
     * @return the cohorts in a stable order, with their totals
     */
    static PersonaCountsBody of(final List<Cohort> cohorts) {
        final List<Cohort> sorted = new ArrayList<>(cohorts);
        sorted.sort(Comparator.comparing(Cohort::persona).thenComparing(Cohort::group)
                .thenComparing(Cohort::cohortDay));
        final Map<String, Total> totals = new LinkedHashMap<>();
        for (final Cohort cohort : sorted) {
            totals.merge(cohort.persona() + '|' + cohort.group(), Total.of(cohort), Total::plus);
        }
        return new PersonaCountsBody(sorted, List.copyOf(totals.values()));
    }

    /**
     * Counts of one persona, group and signup day.
     *
     * @param persona        the persona id
     * @param group          TREATMENT or HOLDOUT
     * @param cohortDay      the signup date (UTC), ISO-8601
     * @param signups        users of the cohort
     * @param activated      of those, users who reached the activation moment in the window
     * @param activationRate activated / signups
     * @param commandsSent   intervention commands issued to the cohort
     */
    record Cohort(String persona, String group, String cohortDay, long signups, long activated,
            double activationRate, long commandsSent) {
    }

    /**
     * Counts of one persona and group over all cohort days.
     *
     * @param persona        the persona id
     * @param group          TREATMENT or HOLDOUT
     * @param signups        users of the persona and group
     * @param activated      of those, users who reached the activation moment in the window
     * @param activationRate activated / signups
     * @param commandsSent   intervention commands issued to them
     */
    record Total(String persona, String group, long signups, long activated, double activationRate,
            long commandsSent) {

        static Total of(final Cohort cohort) {
            return new Total(cohort.persona(), cohort.group(), cohort.signups(), cohort.activated(),
                    cohort.activationRate(), cohort.commandsSent());
        }

        Total plus(final Total other) {
            final long allSignups = signups + other.signups;
            final long allActivated = activated + other.activated;
            return new Total(persona, group, allSignups, allActivated,
                    allSignups == 0 ? 0.0 : (double) allActivated / allSignups, commandsSent + other.commandsSent);
        }
    }
}
