package org.activationengine.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.activationengine.engine.EngineObserver;
import org.activationengine.engine.EngineOptions;
import org.activationengine.engine.EngineStreamsConfig;
import org.activationengine.engine.EngineTopics;
import org.activationengine.playbook.Playbook;
import org.activationengine.playbook.PlaybookReader;
import org.activationengine.runtime.RegistryEngineSerdes;
import org.activationengine.runtime.avro.SchemaRegistryClients;
import org.activationengine.runtime.replay.Replay;
import org.activationengine.runtime.replay.ReplayInput;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Measures the offline replay against a baseline measured in the same run: the same records through the same
 * serdes in a TopologyTestDriver whose topology only copies events to an output topic. The ratio says what the
 * engine's own work costs on top of the driver; absolute times depend on the machine. Not a test: run it with
 * <pre>
 * mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     org.activationengine.benchmark.ReplayBenchmark [users] [eventsPerUser]
 * </pre>
 */
public final class ReplayBenchmark {

    private static final String[] EVENTS = {"project_created", "teammate_invited", "task_assigned", "client_added",
        "invoice_created", "invoice_sent", "api_key_created", "api_call_made", "page_viewed", "search_used"};
    private static final String[] ANSWERS = {"Coordinate my team", "Bill my clients", "Integrate with our API",
        "Just exploring", null};

    private ReplayBenchmark() {
    }

    /**
     * @param args users (default 10 000) and events per user (default 30)
     * @throws Exception when the replay fails
     */
    public static void main(final String[] args) throws Exception {
        final int users = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        final int eventsPerUser = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        final Playbook playbook = PlaybookReader.read(Path.of("examples/playbook.yaml"));
        final List<ReplayInput.Line> history = history(users, eventsPerUser);

        final long baselineNanos = time(() -> passThrough(history));
        final Path out = Files.createTempDirectory("replay-benchmark-");
        final long oneDriverNanos = time(() -> new Replay(playbook, EngineOptions.defaults(), 1)
                .run(history, out, null));
        final Replay sharded = new Replay(playbook, EngineOptions.defaults());
        final long shardedNanos = time(() -> sharded.run(history, out, null));

        System.out.printf("records: %d%n", history.size());
        report("baseline (pass-through, one driver)", baselineNanos, baselineNanos, history.size());
        report("replay, one driver", oneDriverNanos, baselineNanos, history.size());
        report("replay, one driver per core", shardedNanos, baselineNanos, history.size());
    }

    private static void report(final String what, final long nanos, final long baseline, final int records) {
        System.out.printf("%-38s %6.1f s %7.1f us/record  %5.2f x baseline%n", what, nanos / 1e9,
                nanos / 1e3 / records, (double) nanos / baseline);
    }

    private static List<ReplayInput.Line> history(final int users, final int eventsPerUser) {
        final Random random = new Random(7);
        final long start = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();
        final List<ReplayInput.Line> lines = new ArrayList<>();
        long sequence = 0;
        for (int u = 0; u < users; u++) {
            final String userId = String.format("u%06d", u);
            final long signedUpAt = start + random.nextInt(86_400_000);
            lines.add(new ReplayInput.Line(signedUpAt, userId, SignupAnswer.newBuilder().setUserId(userId)
                    .setSignedUpAt(Instant.ofEpochMilli(signedUpAt)).setQuestionId("primary-goal")
                    .setAnswer(ANSWERS[random.nextInt(ANSWERS.length)]).build()));
            for (int e = 0; e < eventsPerUser; e++) {
                final long at = signedUpAt + (long) (random.nextDouble() * 4 * 86_400_000L);
                lines.add(new ReplayInput.Line(at, userId, ProductEvent.newBuilder().setEventId("e" + sequence++)
                        .setUserId(userId).setName(EVENTS[random.nextInt(EVENTS.length)])
                        .setOccurredAt(Instant.ofEpochMilli(at)).build()));
            }
        }
        lines.sort((a, b) -> Long.compare(a.time(), b.time()));
        return lines;
    }

    private static void passThrough(final List<ReplayInput.Line> history) {
        final EngineTopics topics = EngineTopics.defaults();
        final RegistryEngineSerdes serdes = new RegistryEngineSerdes(SchemaRegistryClients.inMemory("baseline"));
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.events(), Consumed.with(Serdes.String(), serdes.productEvents()).withName("in"))
                .mapValues(event -> event, Named.as("copy"))
                .to(topics.emailCommands(), Produced.with(Serdes.String(), serdes.productEvents()).withName("out"));
        builder.stream(topics.signups(), Consumed.with(Serdes.String(), serdes.signupAnswers()).withName("in2"))
                .to(topics.inAppCommands(), Produced.with(Serdes.String(), serdes.signupAnswers()).withName("out2"));
        final Properties props = EngineStreamsConfig.properties("baseline", topics, EngineObserver.NONE);
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/replay-baseline");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            final TestInputTopic<String, ProductEvent> events = driver.createInputTopic(topics.events(),
                    Serdes.String().serializer(), serdes.productEvents().serializer());
            final TestInputTopic<String, SignupAnswer> signups = driver.createInputTopic(topics.signups(),
                    Serdes.String().serializer(), serdes.signupAnswers().serializer());
            final var output = driver.createOutputTopic(topics.emailCommands(), Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer());
            int piped = 0;
            for (final ReplayInput.Line line : history) {
                final SpecificRecord value = line.value();
                if (value instanceof SignupAnswer answer) {
                    signups.pipeInput(line.key(), answer, line.time());
                } else {
                    events.pipeInput(line.key(), (ProductEvent) value, line.time());
                }
                if (++piped % 5_000 == 0) {
                    output.readValuesToList();
                }
            }
        }
    }

    private static long time(final Runnable work) {
        final long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }
}
