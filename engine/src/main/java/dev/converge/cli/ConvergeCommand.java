package dev.converge.cli;

import dev.converge.bind.ModuleRegistry;
import dev.converge.config.RunInputs;
import dev.converge.diag.InvalidInputException;
import dev.converge.diag.NotIdempotentException;
import dev.converge.diag.Problem;
import dev.converge.diag.Problems;
import dev.converge.diag.Trace;
import dev.converge.exec.SessionEnvironment;
import dev.converge.report.Reporter;
import dev.converge.report.RunMetadata;
import dev.converge.report.RunReport;
import dev.converge.report.TerminalText;
import dev.converge.run.Converge;
import dev.converge.run.PlanGate;
import dev.converge.run.RunOptions;
import dev.converge.secret.vault.VaultPasswords;
import dev.converge.transport.ConnectionSpec.HostKeyChecking;
import dev.converge.transport.ssh.DefaultTransports;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code converge [options] PLAYBOOK}: flags follow ansible-playbook where one exists. */
@Command(
        name = "converge",
        mixinStandardHelpOptions = true,
        subcommands = {
            PlanCommand.class,
            ApplyCommand.class,
            ShowCommand.class,
            SchemaCommand.class,
            VaultCommand.class,
            InventoryCommand.class
        },
        exitCodeOnInvalidInput = ExitCode.INVALID_INPUT,
        versionProvider = Version.class,
        sortOptions = false,
        description = "Converges hosts to the state a YAML playbook declares: gather, plan, apply, verify.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (nothing failed; with --detailed-exitcode, nothing changed either)",
            "1:a resource failed or a host was unreachable",
            "2:only with --detailed-exitcode: success, and there were changes (applied, or pending with --check)",
            "3:invalid input (usage, playbook, inventory, template); nothing was touched",
            "4:internal error (a bug in converge or a module); please report it"
        })
public final class ConvergeCommand extends RunFlags implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-C", "--check"},
            description = "Plan and report what would change; change nothing.")
    boolean check;

    @Option(
            names = "--graph",
            paramLabel = "FILE",
            description = "Write the resource graph to FILE (.dot: Graphviz, .mmd: Mermaid) "
                    + "without contacting any host, then exit.")
    Path graph;

    /** Set by {@link Main#run(PrintStream, PrintStream, String...)}; standard output and error otherwise. */
    PrintStream out;

    PrintStream err;
    Boolean terminal;
    VaultPasswords.Prompt prompt = VaultPasswords.Prompt.terminal();

    @Override
    public Integer call() throws InterruptedException {
        if (playbook == null) {
            err().println("converge: missing PLAYBOOK (see --help)");
            return ExitCode.INVALID_INPUT;
        }
        return vault.with(prompt, err(), inputs -> run(inputs, out(), err()));
    }

    PrintStream out() {
        return out != null
                ? out
                : new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    }

    PrintStream err() {
        return err != null ? err : System.err;
    }

    boolean tty() {
        return terminal != null ? terminal : System.console() != null;
    }

    private int run(RunInputs inputs, PrintStream out, PrintStream err) throws InterruptedException {
        Problems problems = new Problems();
        RunOptions options = options(check, inputs, problems);
        if (!problems.isEmpty()) {
            return invalid(problems.list(), err);
        }
        if (graph != null) {
            return GraphCommand.write(options, graph, out, err);
        }
        if (queries.asked()) {
            return queries.answer(options, out, err);
        }
        Trace.mark("options parsed");
        var metadata = RunDescription.of(
                commandLine(), options, RunDescription.invocation(options, extraVars, hostKeyChecking));
        return converge(
                options,
                reports.reporters(out, diff, tty(), verbosity.level()),
                PlanGate.NONE,
                metadata,
                detailedExitCode,
                err);
    }

    /** The arguments converge was started with. */
    List<String> commandLine() {
        return List.copyOf(spec.commandLine().getParseResult().originalArgs());
    }

    /** Runs {@code options} to its exit code: reports to {@code reporters}, {@code gate} between planning and applying. */
    static int converge(
            RunOptions options,
            List<Reporter> reporters,
            PlanGate gate,
            Supplier<RunMetadata> metadata,
            boolean detailedExitCode,
            PrintStream err)
            throws InterruptedException {
        if (options.hostKeyChecking() == HostKeyChecking.OFF) {
            err.println(
                    "WARNING: --host-key-checking off: host keys are not checked; anyone on the path can impersonate your hosts.");
        }
        try (DefaultTransports transports = new DefaultTransports()) {
            RunReport report = new Converge(ModuleRegistry.discover(), transports, Reporter.all(reporters))
                    .gatedBy(gate)
                    .describedBy(metadata)
                    .inEnvironment(SessionEnvironment.from(System::getenv))
                    .run(options);
            if (report.failed()) {
                return ExitCode.FAILED;
            }
            return detailedExitCode && report.changed() ? ExitCode.CHANGES : ExitCode.OK;
        } catch (InvalidInputException e) {
            return invalid(e.problems(), err);
        } catch (NotIdempotentException e) {
            err.println("converge: internal error: " + e.getMessage());
            err.println("This is a bug in the module named above; please report it with the playbook and the output.");
            return ExitCode.INTERNAL;
        }
    }

    static int invalid(List<Problem> problems, PrintStream err) {
        problems.forEach(p -> err.println(TerminalText.safe(p.render())));
        err.println("converge: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + " found; nothing was touched.");
        return ExitCode.INVALID_INPUT;
    }
}
