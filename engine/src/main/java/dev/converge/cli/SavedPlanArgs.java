package dev.converge.cli;

import dev.converge.diag.Problem;
import dev.converge.diag.SourceLocation;
import dev.converge.saved.SavedPlan;
import dev.converge.saved.SavedPlanFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The arguments of the commands that read a saved plan ({@code apply}, {@code show}): PLAN, --diff, the report flags. */
final class SavedPlanArgs {
    @Parameters(index = "0", paramLabel = "PLAN", description = "The plan saved by converge plan -o PLAN.")
    Path planFile;

    @Option(
            names = {"-D", "--diff"},
            description = "Show unified diffs of the files that change.")
    boolean diff;

    @Mixin
    ReportOptions reports = new ReportOptions();

    /** The plan, or null once why it cannot be used is printed (exit 3). */
    SavedPlan read(PrintStream err) {
        try {
            return SavedPlanFile.read(planFile);
        } catch (SavedPlanFile.BadPlanException e) {
            refuse(e.getMessage(), "make the plan with converge plan -o " + planFile + " PLAYBOOK", err);
            return null;
        }
    }

    /** Prints why the plan is refused, at the plan file; returns exit 3 (nothing touched). */
    int refuse(String reason, String hint, PrintStream err) {
        return ConvergeCommand.invalid(List.of(new Problem(SourceLocation.of(planFile), reason, hint)), err);
    }
}
