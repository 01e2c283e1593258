package dev.converge.cli;

import dev.converge.bind.ModuleRegistry;
import dev.converge.diag.InvalidInputException;
import dev.converge.run.CompiledRun;
import dev.converge.run.RunOptions;
import java.io.PrintStream;
import java.util.Optional;

/**
 * Compiles a run without contacting any host, for the CLI's answers that need no host
 * ({@code --graph}, {@code --syntax-check}, {@code --list-*}): problems are printed as for a run
 * (the caller exits 3), warnings are printed masked.
 */
final class OfflineCompile {
    private OfflineCompile() {}

    /** The compiled run, or empty when the input has problems (already printed to {@code err}). */
    static Optional<CompiledRun> compile(RunOptions options, PrintStream err) {
        CompiledRun compiled;
        try {
            compiled = CompiledRun.compile(options, ModuleRegistry.discover());
        } catch (InvalidInputException e) {
            ConvergeCommand.invalid(e.problems(), err);
            return Optional.empty();
        }
        compiled.warnings()
                .forEach(w -> err.println(
                        "WARNING: " + w.at() + ": " + compiled.secrets().mask(w.reason())));
        return Optional.of(compiled);
    }
}
