package org.activationengine.playbook;

import static org.activationengine.playbook.YamlFields.child;
import static org.activationengine.playbook.YamlFields.element;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a playbook from YAML and reports every problem in it at once, each naming the file, the path inside it
 * and what to do. Cross-field rules (ids, answers, default persona, budget, timing) live in
 * {@link PlaybookLinter}; this class is about the shape of the file.
 *
 * <h2>Format</h2>
 * <pre>{@code
 * question:
 *   id: primary-goal                 # required
 *   text: What is your primary goal? # optional, informational
 * activationWindow: 72h              # optional, default 72h
 * answerTimeout: 1h                  # optional, default 1h: then a user without an answer gets the default
 * holdout: {percent: 10, salt: onboarding-2026}  # optional; percent 0..50; salt required when percent > 0
 * frequencyCap: {maxCommands: 3, per: 24h}        # optional, no cap when absent; maxCommands >= 1
 * experienceBudget: 24               # required, >= 1: the most experiences the team will maintain
 * personas:
 *   - id: team-lead
 *     default: false                 # exactly one persona has default: true; it may also list answers
 *     answers: [Coordinate my team, Run projects with others]  # required unless default
 *     activation:                    # one milestone {event, atLeast (default 1)} or {allOf: [milestones]}
 *       allOf:
 *         - {event: project_created, atLeast: 3}
 *         - {event: teammate_invited}
 *     welcome: {channel: EMAIL, template: team-lead-welcome}    # optional
 *     steps:                         # optional, in order; ids unique within the persona
 *       - {id: create-project, doneWhen: project_created, prompt: {channel: IN_APP, template: tip-create-project}}
 *     triggers:                      # optional; each has id, send and exactly one of on / inactiveFor / notDone
 *       - id: early-momentum
 *         on: {event: project_created, atLeast: 2, within: 24h}
 *         send: {channel: IN_APP, template: invite-your-team}
 *       - id: quiet-48h
 *         inactiveFor: 48h
 *         send: {channel: EMAIL, template: need-a-hand}
 *       - id: no-invite-yet
 *         notDone: {event: teammate_invited, within: 36h}
 *         send: {channel: EMAIL, template: invite-reminder}
 * }</pre>
 * Durations are a whole number and a unit ({@code ms s m h d}, e.g. {@code 90m}, {@code 48h}, {@code 2d}) or
 * ISO-8601 ({@code PT48H}, {@code P2D}), and must be positive. Channels are {@code EMAIL} and {@code IN_APP}, in
 * any case and with {@code -} or {@code _}. Step ids, trigger ids and the reserved id {@code welcome} must not
 * collide within a persona, and trigger ids must not start with {@code step:}, because the engine records what
 * it sent under those names. Welcome, step prompts and triggers each count as one experience, and their total
 * must fit {@code experienceBudget}.
 */
public final class PlaybookReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            // A key written twice is almost always a copy-paste slip; silently keeping the last one hides it.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

    /** Above half, too few users are left to personalize for the comparison to be worth it. */
    private static final double MAX_HOLDOUT_PERCENT = 50;

    private final PlaybookProblems problems;
    private final YamlFields fields;
    private final PersonaReader personaReader;

    private PlaybookReader(final String source) {
        this.problems = new PlaybookProblems(source);
        this.fields = new YamlFields(problems);
        this.personaReader = new PersonaReader(problems, fields);
    }

    /**
     * Reads and checks a playbook file without throwing for anything the file contains.
     *
     * @param file the playbook file; its path names the source in every problem
     * @return the report, with the playbook when there are no errors
     */
    public static PlaybookReport validate(final Path file) {
        final String source = file.toString();
        final String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (final NoSuchFileException e) {
            return unreadable(source, "File not found. Check the path, or start from examples/playbook.yaml.");
        } catch (final AccessDeniedException e) {
            return unreadable(source, "Permission denied. Make the file readable by the user running the engine.");
        } catch (final CharacterCodingException e) {
            return unreadable(source, "The file is not UTF-8 text. Save it as UTF-8.");
        } catch (final IOException e) {
            return unreadable(source, "Cannot read the file (" + e.getMessage() + "). Check that it is a "
                    + "readable regular file.");
        }
        return validate(yaml, source);
    }

    /**
     * Reads and checks a playbook given as text.
     *
     * @param yaml       the playbook YAML
     * @param sourceName the name to give the source in problems, usually the file name
     * @return the report, with the playbook when there are no errors
     */
    public static PlaybookReport validate(final String yaml, final String sourceName) {
        return new PlaybookReader(sourceName).readAll(yaml);
    }

    /**
     * Reads a playbook file, refusing it when it has errors; warnings do not stop it.
     *
     * @param file the playbook file
     * @return the playbook
     * @throws PlaybookException whose message lists every error, one per line
     */
    public static Playbook read(final Path file) {
        return validate(file).orThrow();
    }

    /**
     * Reads a playbook given as text, refusing it when it has errors; warnings do not stop it.
     *
     * @param yaml       the playbook YAML
     * @param sourceName the name to give the source in problems
     * @return the playbook
     * @throws PlaybookException whose message lists every error, one per line
     */
    public static Playbook read(final String yaml, final String sourceName) {
        return validate(yaml, sourceName).orThrow();
    }

    private static PlaybookReport unreadable(final String source, final String message) {
        final PlaybookProblems problems = new PlaybookProblems(source);
        problems.error("", message);
        return new PlaybookReport(source, null, problems.all(), 0, Map.of());
    }

    private PlaybookReport readAll(final String yaml) {
        final JsonNode root = parse(yaml);
        if (root == null) {
            return new PlaybookReport(problems.source(), null, problems.all(), 0, Map.of());
        }

        final Playbook draft = draft(root);
        final Set<String> unreadable = problems.all().stream().filter(PlaybookProblem::isError)
                .map(PlaybookProblem::path).collect(Collectors.toSet());
        problems.addAll(PlaybookLinter.lint(draft, unreadable));

        final Playbook playbook = problems.hasErrors() ? null : draft;
        return new PlaybookReport(problems.source(), playbook, problems.all(), draft.experienceBudget(),
                experiencesByPersona(draft));
    }

    /** @return the root mapping, or null when there is none (reported) */
    private JsonNode parse(final String yaml) {
        final JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (final JsonProcessingException e) {
            problems.error(location(e.getLocation()), "Invalid YAML: " + firstLine(e.getOriginalMessage())
                    + ". Fix the syntax here or just before it (indentation, a missing ':', an unclosed quote or "
                    + "bracket, or a key written twice).");
            return null;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            problems.error("", "The playbook is empty. Start from examples/playbook.yaml.");
            return null;
        }
        if (!root.isObject()) {
            problems.error("", "Expected a mapping with keys such as question, personas and experienceBudget but "
                    + "found " + YamlFields.describe(root) + ". Start from examples/playbook.yaml.");
            return null;
        }
        return root;
    }

    /**
     * Builds the playbook as far as it can be read. Values that could not be read are null (or stand-ins),
     * which is fine because a draft with errors is only linted, never handed out.
     */
    private Playbook draft(final JsonNode root) {
        fields.onlyKeys(root, "", PlaybookKeys.ROOT);

        final String questionId = question(root);
        final Duration window = fields.duration(root, "", "activationWindow", Playbook.DEFAULT_ACTIVATION_WINDOW);
        final Duration answerTimeout = fields.duration(root, "", "answerTimeout", Playbook.DEFAULT_ANSWER_TIMEOUT);
        final Holdout holdout = holdout(root);
        final FrequencyCap frequencyCap = frequencyCap(root);
        final Integer budget = fields.whole(root, "", "experienceBudget", null, 1);
        final List<Persona> personas = personas(root);
        return new Playbook(problems.source(), questionId, window, answerTimeout, holdout, frequencyCap,
                budget == null ? 0 : budget, personas);
    }

    private String question(final JsonNode root) {
        final JsonNode node = fields.value(root, "", "question", true);
        if (node == null || !fields.isMapping(node, "question", PlaybookKeys.example("question"))) {
            return null;
        }
        fields.onlyKeys(node, "question", PlaybookKeys.QUESTION);
        fields.text(node, "question", "text", false);
        return fields.text(node, "question", "id", true);
    }

    private Holdout holdout(final JsonNode root) {
        final JsonNode node = fields.value(root, "", "holdout", false);
        if (node == null || !fields.isMapping(node, "holdout", "{percent: 10, salt: onboarding-2026}")) {
            return Holdout.NONE;
        }
        fields.onlyKeys(node, "holdout", PlaybookKeys.HOLDOUT);
        final Double percent = fields.number(node, "holdout", "percent", true);
        final String salt = fields.text(node, "holdout", "salt", false);
        if (percent == null) {
            return Holdout.NONE;
        }

        final String percentPath = child("holdout", "percent");
        if (percent < 0 || percent > MAX_HOLDOUT_PERCENT) {
            problems.error(percentPath, "Holdout percent is " + node.get("percent").asText() + " but must be "
                    + "between 0 and 50. Use a share such as 10.");
        } else if (Math.round(percent * 100) != percent * 100) {
            problems.error(percentPath, "Holdout percent " + node.get("percent").asText() + " has more than two "
                    + "decimals, which the assignment cannot express. Round it, e.g. 12.5.");
        }
        if (percent > 0 && !YamlFields.has(node, "salt")) {
            problems.error(child("holdout", "salt"), "A holdout of " + node.get("percent").asText() + "% needs a "
                    + "salt. Add e.g. 'salt: onboarding-2026'; change it only to draw a new holdout group.");
        }
        return new Holdout(percent, salt == null ? "" : salt);
    }

    private FrequencyCap frequencyCap(final JsonNode root) {
        final JsonNode node = fields.value(root, "", "frequencyCap", false);
        if (node == null || !fields.isMapping(node, "frequencyCap", "{maxCommands: 3, per: 24h}")) {
            return FrequencyCap.NONE;
        }
        fields.onlyKeys(node, "frequencyCap", PlaybookKeys.FREQUENCY_CAP);
        final Integer maxCommands = fields.whole(node, "frequencyCap", "maxCommands", null, 1);
        final Duration per = fields.duration(node, "frequencyCap", "per", null);
        if (maxCommands == null || per == null) {
            return FrequencyCap.NONE;
        }
        return new FrequencyCap(maxCommands, per);
    }

    private List<Persona> personas(final JsonNode root) {
        final List<JsonNode> nodes = fields.list(root, "", "personas", true);
        final List<Persona> personas = new ArrayList<>();
        if (nodes == null) {
            return personas;
        }
        if (nodes.isEmpty()) {
            problems.error("personas", "The playbook lists no personas. Add at least the default persona, e.g. "
                    + "'- {id: explorer, default: true, activation: {event: project_created}}'.");
        }
        for (int index = 0; index < nodes.size(); index++) {
            personas.add(personaReader.read(nodes.get(index), element("personas", index)));
        }
        return personas;
    }

    private static Map<String, Integer> experiencesByPersona(final Playbook draft) {
        final Map<String, Integer> counts = new LinkedHashMap<>();
        for (int index = 0; index < draft.personas().size(); index++) {
            final Persona persona = draft.personas().get(index);
            final String id = persona.id();
            final String key = id == null || counts.containsKey(id) ? element("personas", index) : id;
            counts.put(key, persona.experienceCount());
        }
        return counts;
    }

    private static String location(final JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(final String message) {
        final String line = message == null ? "unreadable content" : message.strip().lines().findFirst().orElse("");
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }
}
