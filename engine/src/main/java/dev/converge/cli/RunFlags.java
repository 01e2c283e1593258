package dev.converge.cli;

import dev.converge.bind.RunSelection;
import dev.converge.config.RunInputs;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.run.RunOptions;
import dev.converge.transport.ConnectionSpec.HostKeyChecking;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The flags of a run ({@code converge} and {@code converge plan}): playbook, inventory, selection, connections, reports, vault. */
abstract class RunFlags {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PLAYBOOK", description = "The playbook to run.")
    Path playbook;

    @Option(
            names = {"-i", "--inventory"},
            paramLabel = "INVENTORY",
            description =
                    "Inventory source, repeatable: a file (Ansible YAML or INI), a directory, or a comma list of hosts ('h1,h2,'). "
                            + "Default: ANSIBLE_INVENTORY, else [defaults] inventory of ansible.cfg, else inventory/hosts.yml if present; "
                            + "without one only localhost exists, and 'all' matches nothing.")
    List<String> inventories = new ArrayList<>();

    @Option(
            names = {"-D", "--diff"},
            description = "Show unified diffs of the files that change.")
    boolean diff;

    @Option(
            names = "--detailed-exitcode",
            description = "Exit 2 when there were changes (applied, or pending with --check).")
    boolean detailedExitCode;

    @Option(
            names = {"-l", "--limit"},
            paramLabel = "PATTERN",
            description = "Only these hosts (Ansible host pattern).")
    String limit = "";

    @Option(
            names = {"-t", "--tags"},
            paramLabel = "TAGS",
            split = ",",
            description = "Only resources with these tags.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--skip-tags", paramLabel = "TAGS", split = ",", description = "Skip resources with these tags.")
    List<String> skipTags = new ArrayList<>();

    @Option(
            names = {"-e", "--extra-vars"},
            paramLabel = "VARS",
            description = "k=v pairs, @file.yml, or a YAML/JSON map. Repeatable.")
    List<String> extraVars = new ArrayList<>();

    @Option(
            names = {"-f", "--forks"},
            paramLabel = "N",
            description = "Hosts worked on in parallel (default: ${DEFAULT-VALUE}).")
    int forks = 50;

    @Mixin
    ReportOptions reports = new ReportOptions();

    @Option(
            names = "--force-handlers",
            description = "Run notified handlers although a later resource of their host failed "
                    + "(as ansible-playbook's; converge always does: the flag is accepted for scripts written for ansible-playbook). "
                    + "A handler that did not run successfully is recorded on its host and runs on the next run.")
    boolean forceHandlers;

    @Option(names = "--host-key-checking", paramLabel = "MODE", description = "strict (default), accept-new, or off.")
    String hostKeyChecking = "strict";

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Connect timeout (default: ${DEFAULT-VALUE}).")
    int connectTimeout = 10;

    @Option(
            names = "--command-timeout",
            paramLabel = "SECONDS",
            description = "Timeout of one remote round trip (default: ${DEFAULT-VALUE}).")
    int commandTimeout = 600;

    @Mixin
    VaultOptions vault = new VaultOptions();

    @Mixin
    PlaybookQueries queries = new PlaybookQueries();

    @Mixin
    Verbosity verbosity = new Verbosity();

    @Mixin
    ConnectionFlags connection = new ConnectionFlags();

    /** The run these flags describe; problems with them go to {@code problems}. */
    RunOptions options(boolean check, RunInputs inputs, Problems problems) {
        List<String> inv = inventories;
        if (inventories.isEmpty()) {
            DefaultInventory.Found found = DefaultInventory.locate(
                    System.getenv(), Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")));
            found.checkExists(problems);
            inv = found.sources();
        }
        HostKeyChecking checking = hostKeyChecking(hostKeyChecking, problems);
        RunSelection selection = new RunSelection(
                limit,
                new LinkedHashSet<>(tags),
                new LinkedHashSet<>(skipTags),
                ExtraVars.parse(extraVars, inputs, problems),
                connection.defaults(),
                queries.startAt);
        return new RunOptions(
                playbook,
                inv,
                check,
                selection,
                forks,
                Duration.ofSeconds(connectTimeout),
                Duration.ofSeconds(commandTimeout),
                checking,
                inputs);
    }

    static HostKeyChecking hostKeyChecking(String mode, Problems problems) {
        return switch (mode) {
            case "strict", "yes" -> HostKeyChecking.STRICT;
            case "accept-new" -> HostKeyChecking.ACCEPT_NEW;
            case "off", "no" -> HostKeyChecking.OFF;
            default -> {
                problems.add(
                        SourceLocation.of(Path.of("<command line>")),
                        "--host-key-checking must be strict, accept-new or off, not '" + mode + "'",
                        "use --host-key-checking strict");
                yield HostKeyChecking.STRICT;
            }
        };
    }
}
