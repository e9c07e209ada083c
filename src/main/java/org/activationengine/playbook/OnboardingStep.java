package org.activationengine.playbook;

import java.util.Optional;

/**
 * An ordered step of a persona's onboarding path, done when its event happens.
 *
 * @param id     the step id, unique within the persona
 * @param event  the product event that completes the step
 * @param prompt the in-product prompt shown when this step becomes the next one; may be null
 */
public record OnboardingStep(String id, String event, Message prompt) {

    /** @return the prompt, when the step has one */
    public Optional<Message> promptMessage() {
        return Optional.ofNullable(prompt);
    }
}
