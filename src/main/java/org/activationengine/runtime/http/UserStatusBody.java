package org.activationengine.runtime.http;

import java.time.Instant;
import java.util.List;
import org.activationengine.schema.UserActivationStatus;

/**
 * The JSON of {@code GET /users/{userId}}: the fields of the user-status topic, times as ISO-8601 strings.
 *
 * @param userId         the user id
 * @param persona        the persona id; null while the signup answer is awaited
 * @param group          TREATMENT or HOLDOUT; null while the persona is unknown
 * @param signedUpAt     signup time from the answer, or null
 * @param activatedAt    when the activation moment was reached, or null
 * @param completedSteps onboarding steps done, in playbook order
 * @param nextStep       the first step not done yet, or null
 * @param lastActivityAt event time of the latest product event, or null
 */
record UserStatusBody(String userId, String persona, String group, String signedUpAt, String activatedAt,
        List<String> completedSteps, String nextStep, String lastActivityAt) {

    static UserStatusBody of(final UserActivationStatus status) {
        return new UserStatusBody(status.getUserId(), status.getPersona(),
                status.getGroup() == null ? null : status.getGroup().name(), iso(status.getSignedUpAt()),
                iso(status.getActivatedAt()), List.copyOf(status.getCompletedSteps()), status.getNextStep(),
                iso(status.getLastActivityAt()));
    }

    private static String iso(final Instant time) {
        return time == null ? null : time.toString();
    }
}
