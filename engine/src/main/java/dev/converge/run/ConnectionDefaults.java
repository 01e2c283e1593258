package dev.converge.run;

import dev.converge.bind.Binder.PlayInstances;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.inventory.Inventory;
import dev.converge.model.Host;
import dev.converge.model.Play;
import dev.converge.model.Var;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The command line's connection settings ({@code -u}, {@code -b}, {@code --become-user},
 * {@code --private-key}) as Ansible applies them: for each host that does not set the variable
 * (or its older alias) itself; {@code -e} still overrides both.
 */
final class ConnectionDefaults {
    private static final Map<String, List<String>> ALIASES = Map.of(
            "ansible_user", List.of("ansible_user", "ansible_ssh_user"),
            "ansible_ssh_private_key_file", List.of("ansible_ssh_private_key_file", "ansible_private_key_file"),
            "ansible_become", List.of("ansible_become"),
            "ansible_become_user", List.of("ansible_become_user"),
            "ansible_become_password", List.of("ansible_become_password", "ansible_become_pass"));

    private static final Map<String, String> KEYWORDS =
            Map.of("ansible_become", "become", "ansible_become_user", "become_user", "ansible_user", "remote_user");

    private ConnectionDefaults() {}

    /**
     * The plays' {@code become:}, {@code become_user:} and {@code remote_user:} for each host they
     * run on that does not set the variable itself (the inventory wins, as in Ansible). converge
     * connects to a host one way for the whole run, so the plays a host is in must agree (a play
     * that does not set a keyword counts with the command line's value, or none): where they do
     * not, that is a problem at the play that differs.
     */
    static Inventory fromPlays(
            Inventory inventory, List<PlayInstances> plays, Map<String, Object> commandLine, Problems problems) {
        if (plays.stream().allMatch(p -> p.play().connection().settings().isEmpty())) {
            return inventory;
        }
        return withUnsetFilled(
                inventory,
                KEYWORDS.keySet(),
                (host, variable) -> agreed(host, variable, KEYWORDS.get(variable), plays, commandLine, problems));
    }

    /** The one value the host's plays set for {@code variable}, if any set it. */
    private static Optional<Var> agreed(
            String host,
            String variable,
            String keyword,
            List<PlayInstances> plays,
            Map<String, Object> commandLine,
            Problems problems) {
        Var first = null;
        Object firstValue = null;
        String firstPlay = null;
        for (PlayInstances instances : plays) {
            if (!instances.byHost().containsKey(host)) {
                continue;
            }
            Play play = instances.play();
            Var set = play.connection().settings().get(variable);
            Object value = set != null ? set.value() : commandLine.get(variable);
            if (firstPlay == null) {
                first = set;
                firstValue = value;
                firstPlay = play.name();
            } else if (!Objects.equals(firstValue, value)) {
                problems.add(
                        set != null ? set.at() : play.at(),
                        host + " is in play '" + firstPlay + "' with " + shown(keyword, firstValue)
                                + " and in play '" + play.name() + "' with " + shown(keyword, value)
                                + "; converge connects to a host one way for the whole run",
                        "give both plays the same " + keyword + ": (or set `" + variable
                                + "` for the host in the inventory)");
                return Optional.empty();
            } else if (first == null) {
                first = set;
            }
        }
        return Optional.ofNullable(first);
    }

    private static String shown(String keyword, Object value) {
        return value == null ? "no " + keyword + ":" : keyword + ": " + value;
    }

    static Inventory apply(Inventory inventory, Map<String, Object> defaults) {
        if (defaults.isEmpty()) {
            return inventory;
        }
        SourceLocation at = SourceLocation.of(Path.of("<command line>"));
        return withUnsetFilled(
                inventory, defaults.keySet(), (host, variable) -> Optional.of(new Var(defaults.get(variable), at)));
    }

    /**
     * The inventory with, on each host, each of {@code variables} the host does not set itself (nor
     * under an older alias) taken from {@code value}, when it gives one.
     */
    private static Inventory withUnsetFilled(
            Inventory inventory, Set<String> variables, BiFunction<String, String, Optional<Var>> value) {
        Map<String, Host> hosts = new LinkedHashMap<>();
        inventory.hosts().forEach((name, host) -> {
            Map<String, Var> vars = new LinkedHashMap<>(host.vars());
            for (String variable : variables) {
                if (ALIASES.getOrDefault(variable, List.of(variable)).stream().noneMatch(vars::containsKey)) {
                    value.apply(name, variable).ifPresent(v -> vars.put(variable, v));
                }
            }
            hosts.put(name, new Host(name, vars, host.groups(), host.at()));
        });
        return new Inventory(inventory.source(), hosts, inventory.groups(), inventory.tree(), inventory.warnings());
    }
}
