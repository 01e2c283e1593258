package dev.converge.cli;

import dev.converge.diag.Problem;
import dev.converge.diag.SourceLocation;
import dev.converge.report.HostReport;
import dev.converge.report.Reporter;
import dev.converge.report.RunEvent;
import dev.converge.report.RunReport;
import dev.converge.saved.SavedPlan;
import dev.converge.saved.SavedPlanFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code converge show PLAN}: a saved plan as the terminal report, and as any report file asked for; no host is contacted. */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Prints a plan saved by converge plan -o PLAN as the terminal report (and writes the report files asked for).")
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    ConvergeCommand parent;

    @Parameters(index = "0", paramLabel = "PLAN", description = "The plan saved by converge plan -o PLAN.")
    Path planFile;

    @Option(names = {"-D", "--diff"}, description = "Show unified diffs of the files that change.")
    boolean diff;

    @Mixin
    ReportOptions reports = new ReportOptions();

    @Override
    public Integer call() {
        PrintStream err = parent.err();
        SavedPlan saved;
        try {
            saved = SavedPlanFile.read(planFile);
        } catch (SavedPlanFile.BadPlanException e) {
            return ConvergeCommand.invalid(List.of(new Problem(SourceLocation.of(planFile), e.getMessage(),
                    "make the plan with converge plan -o " + planFile + " PLAYBOOK")), err);
        }
        Reporter reporter = Reporter.all(reports.reporters(parent.out(), diff, parent.tty()));
        replay(saved.report(), reporter);
        return ExitCode.OK;
    }

    /** Sends a finished run's report through reporters as a run would. */
    static void replay(RunReport report, Reporter reporter) {
        int resources = report.hosts().stream().mapToInt(h -> h.resources().size()).sum();
        reporter.on(new RunEvent.RunStarted(report.playbook(), report.hosts().size(), resources, report.check()));
        for (HostReport host : report.hosts()) {
            host.resources().forEach(r -> reporter.on(new RunEvent.ResourceFinished(host.host(), r)));
        }
        reporter.on(new RunEvent.RunFinished(report));
    }
}
