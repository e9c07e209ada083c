package org.activationengine.playbook;

import static org.activationengine.playbook.YamlFields.child;
import static org.activationengine.playbook.YamlFields.element;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one persona of a playbook tree: answers, activation moment, welcome, steps and triggers. It always
 * returns an element for every entry it is given, so that positions in the result match positions in the file
 * and the linter's paths stay right even when some entries are broken (those are reported here).
 */
final class PersonaReader {

    /**
     * Stands in for a message that is present but broken. It only ever lives in a draft that has errors,
     * where it keeps the experience count honest; such a draft is never handed out.
     */
    private static final Message BROKEN_MESSAGE = new Message(Channel.EMAIL, "");

    private static final String PERSONA_EXAMPLE = "{id: team-lead, answers: [Coordinate my team], "
            + "activation: {event: project_created}}";
    private static final String MILESTONE_EXAMPLE = "{event: project_created, atLeast: 3}";
    private static final String MESSAGE_EXAMPLE = "{channel: EMAIL, template: team-lead-welcome}";
    private static final String STEP_EXAMPLE = "{id: create-project, doneWhen: project_created}";
    private static final String TRIGGER_EXAMPLE = "{id: quiet-48h, inactiveFor: 48h, "
            + "send: {channel: EMAIL, template: need-a-hand}}";

    private final PlaybookProblems problems;
    private final YamlFields fields;

    PersonaReader(final PlaybookProblems problems, final YamlFields fields) {
        this.problems = problems;
        this.fields = fields;
    }

    Persona read(final JsonNode node, final String path) {
        if (!fields.isMapping(node, path, PERSONA_EXAMPLE)) {
            return new Persona(null, List.of(), false, new ActivationMoment(List.of()), List.of(), null, List.of());
        }
        fields.onlyKeys(node, path, PlaybookKeys.PERSONA);

        final String id = fields.text(node, path, "id", true);
        final Boolean isDefault = fields.flag(node, path, "default", false);
        final List<String> answers = answers(node, path);
        final ActivationMoment activation = activation(node, path);
        final Message welcome = message(node, path, "welcome", false);
        final List<OnboardingStep> steps = steps(node, path);
        final List<Trigger> triggers = triggers(node, path);
        return new Persona(id, answers, Boolean.TRUE.equals(isDefault), activation, steps, welcome, triggers);
    }

    private List<String> answers(final JsonNode persona, final String path) {
        final List<JsonNode> nodes = fields.list(persona, path, "answers", false);
        final List<String> answers = new ArrayList<>();
        if (nodes == null) {
            return answers;
        }
        final String listPath = child(path, "answers");
        for (int index = 0; index < nodes.size(); index++) {
            final JsonNode answer = nodes.get(index);
            if (!answer.isValueNode() || answer.isNull() || answer.asText().isBlank()) {
                problems.error(element(listPath, index), "Expected an answer text but found "
                        + YamlFields.describe(answer) + ". Write the answer as the signup form sends it, "
                        + "e.g. 'Coordinate my team'.");
                // A blank stand-in keeps later answers at their positions; the linter skips blanks.
                answers.add("");
            } else {
                answers.add(answer.asText().strip());
            }
        }
        return answers;
    }

    private ActivationMoment activation(final JsonNode persona, final String path) {
        final JsonNode node = fields.value(persona, path, "activation", true);
        final String where = child(path, "activation");
        if (node == null || !fields.isMapping(node, where, MILESTONE_EXAMPLE + " or {allOf: [...]}")) {
            return new ActivationMoment(List.of());
        }
        if (!node.has("allOf")) {
            fields.onlyKeys(node, where, PlaybookKeys.MILESTONE);
            return new ActivationMoment(List.of(milestone(node, where)));
        }
        fields.onlyKeys(node, where, PlaybookKeys.ALL_OF);
        final List<JsonNode> nodes = fields.list(node, where, "allOf", true);
        final List<Milestone> milestones = new ArrayList<>();
        if (nodes == null) {
            return new ActivationMoment(milestones);
        }
        if (nodes.isEmpty()) {
            problems.error(child(where, "allOf"), "'allOf' lists no milestones. Add at least one, e.g. "
                    + MILESTONE_EXAMPLE + ".");
        }
        for (int index = 0; index < nodes.size(); index++) {
            final String milestonePath = element(child(where, "allOf"), index);
            if (fields.isMapping(nodes.get(index), milestonePath, MILESTONE_EXAMPLE)) {
                fields.onlyKeys(nodes.get(index), milestonePath, PlaybookKeys.MILESTONE);
                milestones.add(milestone(nodes.get(index), milestonePath));
            }
        }
        return new ActivationMoment(milestones);
    }

    private Milestone milestone(final JsonNode node, final String path) {
        final String event = fields.text(node, path, "event", true);
        final Integer atLeast = fields.whole(node, path, "atLeast", 1, 1);
        return new Milestone(event, atLeast == null ? 1 : atLeast);
    }

    private List<OnboardingStep> steps(final JsonNode persona, final String path) {
        final List<JsonNode> nodes = fields.list(persona, path, "steps", false);
        final List<OnboardingStep> steps = new ArrayList<>();
        if (nodes == null) {
            return steps;
        }
        for (int index = 0; index < nodes.size(); index++) {
            steps.add(step(nodes.get(index), element(child(path, "steps"), index)));
        }
        return steps;
    }

    private OnboardingStep step(final JsonNode node, final String path) {
        if (!fields.isMapping(node, path, STEP_EXAMPLE)) {
            return new OnboardingStep(null, null, null);
        }
        fields.onlyKeys(node, path, PlaybookKeys.STEP);
        final String id = fields.text(node, path, "id", true);
        final String event = fields.text(node, path, "doneWhen", true);
        final Message prompt = message(node, path, "prompt", false);
        return new OnboardingStep(id, event, prompt);
    }

    private List<Trigger> triggers(final JsonNode persona, final String path) {
        final List<JsonNode> nodes = fields.list(persona, path, "triggers", false);
        final List<Trigger> triggers = new ArrayList<>();
        if (nodes == null) {
            return triggers;
        }
        for (int index = 0; index < nodes.size(); index++) {
            triggers.add(trigger(nodes.get(index), element(child(path, "triggers"), index)));
        }
        return triggers;
    }

    private Trigger trigger(final JsonNode node, final String path) {
        if (!fields.isMapping(node, path, TRIGGER_EXAMPLE)) {
            return new InactivityTrigger(null, null, null);
        }
        fields.onlyKeys(node, path, PlaybookKeys.TRIGGER);
        final String id = fields.text(node, path, "id", true);
        final Message message = message(node, path, "send", true);

        final List<String> kinds = PlaybookKeys.TRIGGER_KINDS.stream().filter(kind -> node.has(kind)).toList();
        if (kinds.size() != 1) {
            final String found = kinds.isEmpty() ? "none of them" : String.join(" and ", kinds);
            problems.error(path, "A trigger needs exactly one of 'on', 'inactiveFor' or 'notDone' but has "
                    + found + ". Keep one: 'on: {event: project_created, within: 24h}', 'inactiveFor: 48h' or "
                    + "'notDone: {event: teammate_invited, within: 36h}'.");
            // The stand-in still counts as an experience: the message exists whatever the trigger kind.
            return new InactivityTrigger(id, null, message);
        }
        return switch (kinds.get(0)) {
            case "on" -> action(node, path, id, message);
            case "inactiveFor" -> new InactivityTrigger(id, fields.duration(node, path, "inactiveFor", null),
                    message);
            default -> notDone(node, path, id, message);
        };
    }

    private Trigger action(final JsonNode trigger, final String path, final String id, final Message message) {
        final JsonNode node = trigger.get("on");
        final String where = child(path, "on");
        if (!fields.isMapping(node, where, "{event: project_created, atLeast: 2, within: 24h}")) {
            return new ActionTrigger(id, null, 1, null, message);
        }
        fields.onlyKeys(node, where, PlaybookKeys.ACTION);
        final String event = fields.text(node, where, "event", true);
        final Integer atLeast = fields.whole(node, where, "atLeast", 1, 1);
        final Duration within = fields.duration(node, where, "within", null);
        return new ActionTrigger(id, event, atLeast == null ? 1 : atLeast, within, message);
    }

    private Trigger notDone(final JsonNode trigger, final String path, final String id, final Message message) {
        final JsonNode node = trigger.get("notDone");
        final String where = child(path, "notDone");
        if (!fields.isMapping(node, where, "{event: teammate_invited, within: 36h}")) {
            return new NotDoneTrigger(id, null, null, message);
        }
        fields.onlyKeys(node, where, PlaybookKeys.NOT_DONE);
        final String event = fields.text(node, where, "event", true);
        return new NotDoneTrigger(id, event, fields.duration(node, where, "within", null), message);
    }

    private Message message(final JsonNode parent, final String path, final String key, final boolean required) {
        final JsonNode node = fields.value(parent, path, key, required);
        if (node == null) {
            return null;
        }
        final String where = child(path, key);
        if (!fields.isMapping(node, where, MESSAGE_EXAMPLE)) {
            return BROKEN_MESSAGE;
        }
        fields.onlyKeys(node, where, PlaybookKeys.MESSAGE);
        final Channel channel = fields.channel(node, where, "channel");
        final String template = fields.text(node, where, "template", true);
        if (channel == null || template == null) {
            return BROKEN_MESSAGE;
        }
        return new Message(channel, template);
    }
}
