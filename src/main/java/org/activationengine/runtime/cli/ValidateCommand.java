package org.activationengine.runtime.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.activationengine.playbook.Durations;
import org.activationengine.playbook.Persona;
import org.activationengine.playbook.PlaybookProblem;
import org.activationengine.playbook.PlaybookReader;
import org.activationengine.playbook.PlaybookReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Lints a playbook: prints its personas and experience count, every problem, and fails on any error. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a playbook; exits 1 when it has errors.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook YAML file.")
    private Path playbook;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final PlaybookReport report = PlaybookReader.validate(playbook);
        report.playbook().ifPresent(valid -> {
            out.printf("Playbook %s: question '%s', window %s%n", report.source(), valid.questionId(),
                    Durations.format(valid.activationWindow()));
            for (final Persona persona : valid.personas()) {
                out.printf("  persona %-16s %-9s answers: %s%n", persona.id(), persona.isDefault() ? "(default)" : "",
                        String.join(" | ", persona.answers()));
            }
        });
        final Map<String, Integer> byPersona = report.experiencesByPersona();
        out.printf("Experiences: %d of a budget of %d %s%n", report.experienceCount(), report.experienceBudget(),
                byPersona);
        for (final PlaybookProblem problem : report.problems()) {
            err.println((problem.isError() ? "error: " : "warning: ") + problem);
        }
        if (report.hasErrors()) {
            err.printf("%d error(s): the playbook is refused.%n", report.errors().size());
            return 1;
        }
        out.println("OK" + (report.warnings().isEmpty() ? "" : " with " + report.warnings().size() + " warning(s)"));
        return 0;
    }
}
