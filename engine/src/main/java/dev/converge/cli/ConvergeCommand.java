package dev.converge.cli;

import dev.converge.diag.InvalidInputException;
import dev.converge.diag.NotIdempotentException;
import dev.converge.diag.Problem;
import dev.converge.diag.Problems;
import dev.converge.engine.ModuleRegistry;
import dev.converge.engine.RunSelection;
import dev.converge.report.Reporter;
import dev.converge.report.RunReport;
import dev.converge.run.Converge;
import dev.converge.run.RunOptions;
import dev.converge.secret.vault.Vault;
import dev.converge.secret.vault.VaultPassword;
import dev.converge.secret.vault.VaultPasswords;
import dev.converge.transport.ConnectionSpec.HostKeyChecking;
import dev.converge.transport.DefaultTransports;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code converge [options] PLAYBOOK}: flags follow ansible-playbook where one exists. */
@Command(name = "converge", mixinStandardHelpOptions = true, subcommands = {SchemaCommand.class, VaultCommand.class, InventoryCommand.class}, exitCodeOnInvalidInput = ExitCode.INVALID_INPUT, versionProvider = Version.class, sortOptions = false,
        description = "Converges hosts to the state a YAML playbook declares: gather, plan, apply, verify.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (nothing failed; with --detailed-exitcode, nothing changed either)",
            "1:a resource failed or a host was unreachable",
            "2:only with --detailed-exitcode: success, and there were changes (applied, or pending with --check)",
            "3:invalid input (usage, playbook, inventory, template); nothing was touched",
            "4:internal error (a bug in converge or a module); please report it"})
public final class ConvergeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PLAYBOOK", description = "The playbook to run.")
    Path playbook;

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY",
            description = "Inventory source, repeatable: a file (Ansible YAML or INI), a directory, or a comma list of hosts ('h1,h2,'). "
                    + "Default: ANSIBLE_INVENTORY, else [defaults] inventory of ansible.cfg, else inventory/hosts.yml if present; "
                    + "without one only localhost exists, and 'all' matches nothing.")
    List<String> inventories = new ArrayList<>();

    @Option(names = {"-C", "--check"}, description = "Plan and report what would change; change nothing.")
    boolean check;

    @Option(names = {"-D", "--diff"}, description = "Show unified diffs of the files that change.")
    boolean diff;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when there were changes (applied, or pending with --check).")
    boolean detailedExitCode;

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN", description = "Only these hosts (Ansible host pattern).")
    String limit = "";

    @Option(names = {"-t", "--tags"}, paramLabel = "TAGS", split = ",", description = "Only resources with these tags.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--skip-tags", paramLabel = "TAGS", split = ",", description = "Skip resources with these tags.")
    List<String> skipTags = new ArrayList<>();

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS", description = "k=v pairs, @file.yml, or a YAML/JSON map. Repeatable.")
    List<String> extraVars = new ArrayList<>();

    @Option(names = {"-f", "--forks"}, paramLabel = "N", description = "Hosts worked on in parallel (default: ${DEFAULT-VALUE}).")
    int forks = 50;

    @Mixin
    ReportOptions reports = new ReportOptions();

    @Option(names = "--graph", paramLabel = "FILE", description = "Write the resource graph to FILE (.dot: Graphviz, .mmd: Mermaid) "
            + "without contacting any host, then exit.")
    Path graph;

    @Option(names = "--host-key-checking", paramLabel = "MODE", description = "strict (default), accept-new, or off.")
    String hostKeyChecking = "strict";

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Connect timeout (default: ${DEFAULT-VALUE}).")
    int connectTimeout = 10;

    @Option(names = "--command-timeout", paramLabel = "SECONDS", description = "Timeout of one remote round trip (default: ${DEFAULT-VALUE}).")
    int commandTimeout = 600;

    @Mixin
    VaultOptions vault = new VaultOptions();

    @Mixin
    PlaybookQueries queries = new PlaybookQueries();

    @Mixin
    Verbosity verbosity = new Verbosity();

    @Mixin
    ConnectionFlags connection = new ConnectionFlags();

    /** Set by {@link Main#run(PrintStream, PrintStream, String...)}; standard output and error otherwise. */
    PrintStream out;
    PrintStream err;
    Boolean terminal;
    VaultPasswords.Prompt prompt = VaultPasswords.Prompt.terminal();

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = this.out != null ? this.out
                : new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, java.nio.charset.StandardCharsets.UTF_8);
        PrintStream err = this.err != null ? this.err : System.err;
        if (playbook == null) {
            err.println("converge: missing PLAYBOOK (see --help)");
            return ExitCode.INVALID_INPUT;
        }
        List<VaultPassword> passwords;
        try {
            passwords = vault.passwords(prompt);
        } catch (VaultPasswords.PasswordException e) {
            return invalid(List.of(new Problem(dev.converge.diag.SourceLocation.of(Path.of("<command line>")), e.getMessage(),
                    "see docs/playbook.md, section Vault")), err);
        }
        try (Vault vault = Vault.open(passwords)) {
            return run(out, err);
        }
    }

    private int run(PrintStream out, PrintStream err) throws InterruptedException {
        Problems problems = new Problems();
        RunOptions options = options(problems);
        if (!problems.isEmpty()) {
            return invalid(problems.list(), err);
        }
        if (options.hostKeyChecking() == HostKeyChecking.OFF) {
            err.println("WARNING: --host-key-checking off: host keys are not checked; anyone on the path can impersonate your hosts.");
        }
        if (graph != null) {
            return GraphCommand.write(options, graph, out, err);
        }
        if (queries.asked()) {
            return queries.answer(options, out, err);
        }
        dev.converge.diag.Trace.mark("options parsed");
        boolean tty = terminal != null ? terminal : System.console() != null;
        List<Reporter> reporters = reports.reporters(out, diff, tty);
        try (DefaultTransports transports = new DefaultTransports()) {
            RunReport report = new Converge(ModuleRegistry.discover(), transports, Reporter.all(reporters)).run(options);
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

    private RunOptions options(Problems problems) {
        List<String> inv = inventories;
        if (inventories.isEmpty()) {
            DefaultInventory.Found found = DefaultInventory.locate(System.getenv(), Path.of("").toAbsolutePath(),
                    Path.of(System.getProperty("user.home")));
            found.checkExists(problems);
            inv = found.sources();
        }
        HostKeyChecking checking = switch (hostKeyChecking) {
            case "strict", "yes" -> HostKeyChecking.STRICT;
            case "accept-new" -> HostKeyChecking.ACCEPT_NEW;
            case "off", "no" -> HostKeyChecking.OFF;
            default -> {
                problems.add(dev.converge.diag.SourceLocation.of(Path.of("<command line>")),
                        "--host-key-checking must be strict, accept-new or off, not '" + hostKeyChecking + "'", "use --host-key-checking strict");
                yield HostKeyChecking.STRICT;
            }
        };
        Set<String> tagSet = new LinkedHashSet<>(tags);
        RunSelection selection = new RunSelection(limit, tagSet, new LinkedHashSet<>(skipTags), ExtraVars.parse(extraVars, problems),
                connection.defaults(), queries.startAt);
        return new RunOptions(playbook, inv, check, selection, forks, Duration.ofSeconds(connectTimeout),
                Duration.ofSeconds(commandTimeout), checking);
    }

    static int invalid(List<Problem> problems, PrintStream err) {
        problems.forEach(p -> err.println(dev.converge.report.TerminalText.safe(p.render())));
        err.println("converge: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " found; nothing was touched.");
        return ExitCode.INVALID_INPUT;
    }
}
