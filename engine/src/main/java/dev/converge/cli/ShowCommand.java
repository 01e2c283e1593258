package dev.converge.cli;

import dev.converge.report.HostReport;
import dev.converge.report.Reporter;
import dev.converge.report.RunEvent;
import dev.converge.report.RunReport;
import dev.converge.saved.SavedPlan;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code converge show PLAN}: a saved plan as the terminal report, and as any report file asked for; no host is contacted. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Prints a plan saved by converge plan -o PLAN as the terminal report (and writes the report files asked for).")
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    ConvergeCommand parent;

    @Mixin
    SavedPlanArgs plan = new SavedPlanArgs();

    @Override
    public Integer call() {
        PrintStream err = parent.err();
        SavedPlan saved = plan.read(err);
        if (saved == null) {
            return ExitCode.INVALID_INPUT;
        }
        Reporter reporter = Reporter.all(plan.reports.reporters(parent.out(), plan.diff, parent.tty()));
        replay(saved.report(), reporter);
        return ExitCode.OK;
    }

    /** Sends a finished run's report through reporters as a run would. */
    static void replay(RunReport report, Reporter reporter) {
        int resources =
                report.hosts().stream().mapToInt(h -> h.resources().size()).sum();
        reporter.on(new RunEvent.RunStarted(report.playbook(), report.hosts().size(), resources, report.check()));
        for (HostReport host : report.hosts()) {
            host.resources().forEach(r -> reporter.on(new RunEvent.ResourceFinished(host.host(), r)));
        }
        reporter.on(new RunEvent.RunFinished(report));
    }
}
