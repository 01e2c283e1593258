package dev.converge.cli;

import dev.converge.config.RunInputs;
import dev.converge.diag.Problem;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.report.Reporter;
import dev.converge.report.RunEvent;
import dev.converge.report.RunReport;
import dev.converge.run.RunOptions;
import dev.converge.saved.InputDigests;
import dev.converge.saved.PlanRecorder;
import dev.converge.saved.SavedPlan;
import dev.converge.saved.SavedPlanFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code converge plan -o PLAN PLAYBOOK}: a check run whose plan is saved, to be applied exactly by {@code converge apply PLAN}. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Plans like --check and saves the plan to PLAN (JSON, mode 0600, no secret value in it).",
            "converge apply PLAN then applies it on each host whose facts did not move since, and refuses the others."
        })
final class PlanCommand extends RunFlags implements Callable<Integer> {
    @ParentCommand
    ConvergeCommand parent;

    @Option(
            names = {"-o", "--out"},
            required = true,
            paramLabel = "PLAN",
            description = "Where to save the plan.")
    Path planFile;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream err = parent.err();
        if (playbook == null) {
            err.println("converge plan: missing PLAYBOOK (see converge plan --help)");
            return ExitCode.INVALID_INPUT;
        }
        return vault.with(parent.prompt, err, inputs -> run(inputs, parent.out(), err));
    }

    private int run(RunInputs inputs, PrintStream out, PrintStream err) throws InterruptedException {
        Problems problems = new Problems();
        RunOptions options = options(true, inputs, problems);
        if (!problems.isEmpty()) {
            return ConvergeCommand.invalid(problems.list(), err);
        }
        if (queries.asked()
                || !queries.startAt.isEmpty()
                || !connection.defaults().isEmpty()) {
            return ConvergeCommand.invalid(
                    List.of(
                            new Problem(
                                    SourceLocation.of(Path.of("<command line>")),
                                    "converge plan does not save -u, -b, --become-user, --private-key, --start-at-task or the listing flags yet",
                                    "set the connection in the inventory (ansible_user, ansible_become, ...) and plan the whole playbook")),
                    err);
        }
        SavedPlan.Invocation invocation = RunDescription.invocation(options, extraVars, hostKeyChecking);
        PlanRecorder recorder = new PlanRecorder(extraVars);
        AtomicReference<RunReport> checked = new AtomicReference<>();
        List<Reporter> reporters = new ArrayList<>(reports.reporters(out, diff, parent.tty(), verbosity.level()));
        reporters.add(event -> {
            if (event instanceof RunEvent.RunFinished finished) {
                checked.set(finished.report()); // masked: reporters only see masked events
            }
        });
        int exit = ConvergeCommand.converge(
                options,
                reporters,
                recorder,
                RunDescription.of(parent.commandLine(), options, invocation),
                detailedExitCode,
                err);
        List<Path> read = inputs.files();
        if (checked.get() == null) {
            return exit;
        }
        if (recorder.secretOnCommandLine()) {
            return ConvergeCommand.invalid(
                    List.of(new Problem(
                            SourceLocation.of(Path.of("<command line>")),
                            "an -e value holds a secret, and a plan never holds a secret: the plan was not saved",
                            "put the secret in a vars file (encrypted with converge vault encrypt) and pass -e @FILE")),
                    err);
        }
        String version = Version.number();
        SavedPlan plan = new SavedPlan(
                SavedPlan.FORMAT_VERSION,
                version,
                invocation,
                InputDigests.of(version, invocation, read),
                recorder.hosts(),
                checked.get());
        try {
            SavedPlanFile.write(planFile, plan);
        } catch (IOException e) {
            err.println("converge plan: cannot write " + planFile + ": " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        out.println("Saved the plan to " + planFile + "; apply exactly it with: converge apply " + planFile);
        return exit;
    }
}
