package dev.converge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.converge.config.RunInputs;
import dev.converge.diag.Problem;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.inventory.HostPattern;
import dev.converge.inventory.Inventory;
import dev.converge.inventory.InventoryLoader;
import dev.converge.inventory.InventoryView;
import dev.converge.secret.vault.VaultPassword;
import dev.converge.secret.vault.VaultPasswords;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code converge inventory}: what converge resolved, in {@code ansible-inventory}'s shapes. */
@Command(
        name = "inventory",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Shows the inventory as converge resolved it, as ansible-inventory does:",
            "--list (JSON: groups, their hosts and children, and _meta.hostvars merged), --graph [GROUP], --host HOST."
        })
final class InventoryCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-i", "--inventory"},
            paramLabel = "INVENTORY",
            description = "Inventory source, repeatable (file, directory, or 'h1,h2,'). Default as for a run.")
    List<String> inventories = new ArrayList<>();

    @Option(
            names = {"-l", "--limit"},
            paramLabel = "PATTERN",
            description = "Only these hosts (Ansible host pattern).")
    String limit;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    static final class Action {
        @Option(names = "--list", description = "Every group and host, with each host's merged variables (JSON).")
        boolean list;

        @Option(names = "--graph", description = "The group tree, from GROUP (default: all).")
        boolean graph;

        @Option(names = "--host", paramLabel = "HOST", description = "One host's merged variables (JSON).")
        String host;
    }

    @Parameters(arity = "0..1", paramLabel = "GROUP", description = "With --graph: the group to start from.")
    String group;

    @picocli.CommandLine.Mixin
    VaultOptions vault = new VaultOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<VaultPassword> passwords;
        try {
            passwords = vault.passwords(VaultPasswords.Prompt.terminal());
        } catch (VaultPasswords.PasswordException e) {
            err.println(
                    "<command line>:1:1: error: " + e.getMessage() + "\n    hint: see docs/playbook.md, section Vault");
            return ExitCode.INVALID_INPUT;
        }
        return list(RunInputs.of(passwords, System::getenv), out, err);
    }

    private Integer list(RunInputs inputs, PrintWriter out, PrintWriter err) {
        Problems problems = new Problems();
        List<String> sources = inventories;
        if (inventories.isEmpty()) {
            DefaultInventory.Found found = DefaultInventory.locate(
                    System.getenv(), Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")));
            found.checkExists(problems);
            sources = problems.isEmpty() ? found.sources() : List.of();
        }
        Inventory inventory = InventoryLoader.load(sources, inputs, problems);
        if (!problems.isEmpty()) {
            problems.list().forEach(p -> err.println(p.render()));
            err.println("converge: " + problems.list().size() + " problem"
                    + (problems.list().size() == 1 ? "" : "s") + " found in the inventory.");
            return ExitCode.INVALID_INPUT;
        }
        List<Problem> warnings = new ArrayList<>(inventory.warnings());
        try {
            List<String> limited =
                    limit == null ? null : inventory.select(limit, SourceLocation.of(Path.of("<--limit>")), warnings);
            InventoryView view = new InventoryView(inventory, limited);
            warnings.forEach(w -> err.println("WARNING: " + w.at() + ": " + w.reason()));
            if (action.host != null) {
                List<String> hosts =
                        inventory.select(action.host, SourceLocation.of(Path.of("<--host>")), new ArrayList<>());
                if (hosts.size() != 1) {
                    err.println("converge: --host needs a pattern that selects exactly one host; '" + action.host
                            + "' selects " + hosts.size());
                    return ExitCode.INVALID_INPUT;
                }
                out.println(json(view.host(hosts.get(0))));
            } else if (action.graph) {
                String start = group == null ? "all" : group;
                if (!view.hasGroup(start)) {
                    err.println("converge: --graph needs a group name; '" + start + "' is not a group");
                    return ExitCode.INVALID_INPUT;
                }
                view.graph(start).forEach(out::println);
            } else {
                out.println(json(view.list()));
            }
        } catch (HostPattern.Invalid e) {
            err.println("converge: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        out.flush();
        return ExitCode.OK;
    }

    private static String json(Object value) {
        // as Python's json.dumps(indent=4, sort_keys=True), which ansible-inventory uses
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("    ", "\n"))
                .withArrayIndenter(new DefaultIndenter("    ", "\n"))
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        try {
            return new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writer(printer)
                    .writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
