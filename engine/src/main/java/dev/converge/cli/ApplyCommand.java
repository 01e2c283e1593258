package dev.converge.cli;

import dev.converge.bind.RunSelection;
import dev.converge.config.RunInputs;
import dev.converge.diag.Problems;
import dev.converge.run.RunOptions;
import dev.converge.saved.InputDigests;
import dev.converge.saved.PlanCheck;
import dev.converge.saved.SavedPlan;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code converge apply PLAN}: applies a saved plan exactly. Its inputs must be unchanged (else
 * exit 3); each host is read once and applied only if what is read and planned there is what the
 * plan saved; a host that moved is refused, untouched, naming what moved.
 */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Applies a plan saved by converge plan -o PLAN, with the playbook, inventory and options it was made with.",
            "A host whose files or facts moved since the plan is refused (nothing changed on it); so is what waits for it."
        })
final class ApplyCommand implements Callable<Integer> {
    @ParentCommand
    ConvergeCommand parent;

    @Mixin
    SavedPlanArgs plan = new SavedPlanArgs();

    @Option(names = "--detailed-exitcode", description = "Exit 2 when there were changes.")
    boolean detailedExitCode;

    @Mixin
    VaultOptions vault = new VaultOptions();

    @Override
    public Integer call() throws InterruptedException {
        PrintStream err = parent.err();
        SavedPlan saved = plan.read(err);
        if (saved == null) {
            return ExitCode.INVALID_INPUT;
        }
        String version = Version.number();
        if (!saved.convergeVersion().equals(version)) {
            return plan.refuse(
                    plan.planFile + " was made by converge " + saved.convergeVersion() + ", this is converge "
                            + version,
                    "make the plan again with this converge",
                    err);
        }
        List<String> changed = InputDigests.changed(saved.inputs());
        if (!changed.isEmpty() || !InputDigests.matches(version, saved)) {
            return plan.refuse(
                    "the inputs changed since the plan was made: "
                            + (changed.isEmpty()
                                    ? "the plan's invocation or input list was edited"
                                    : String.join(", ", changed)),
                    "make a new plan (converge plan -o " + plan.planFile + " ...) and review it",
                    err);
        }
        return vault.with(parent.prompt, err, inputs -> run(saved, inputs, parent.out(), err));
    }

    private int run(SavedPlan saved, RunInputs inputs, PrintStream out, PrintStream err) throws InterruptedException {
        SavedPlan.Invocation inv = saved.invocation();
        Problems problems = new Problems();
        RunSelection selection = new RunSelection(
                inv.limit(),
                new LinkedHashSet<>(inv.tags()),
                new LinkedHashSet<>(inv.skipTags()),
                ExtraVars.parse(inv.extraVars(), inputs, problems));
        RunOptions options = new RunOptions(
                Path.of(inv.playbook()),
                inv.inventories(),
                false,
                selection,
                inv.forks(),
                Duration.ofSeconds(inv.connectTimeout()),
                Duration.ofSeconds(inv.commandTimeout()),
                RunFlags.hostKeyChecking(inv.hostKeyChecking(), problems),
                inputs);
        if (!problems.isEmpty()) {
            return ConvergeCommand.invalid(problems.list(), err);
        }
        return ConvergeCommand.converge(
                options,
                plan.reports.reporters(out, plan.diff, parent.tty()),
                new PlanCheck(saved),
                RunDescription.of(parent.commandLine(), options, inv),
                detailedExitCode,
                err);
    }
}
