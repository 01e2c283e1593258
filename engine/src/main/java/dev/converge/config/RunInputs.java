package dev.converge.config;

import dev.converge.secret.vault.Vault;
import dev.converge.secret.vault.VaultPassword;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What one run reads its input with and from: its vault (the passwords given for the run, and every
 * value decrypted with them, each a secret), the controller's environment (for the templates'
 * {@code env()} and {@code lookup('env', ...)}: the CLI passes its own, the engine reads none) and the local files its loaders read (playbook,
 * inventory, vars files, {@code -e @FILE}, roles, templates, file lookups, copied sources), so a
 * saved plan can say what it was made from. The CLI makes one per run and passes it down through
 * the loaders (its {@code RunOptions} carry it to the compiler); two runs in one
 * process share nothing.
 */
public final class RunInputs {
    private final Vault vault;
    private final Function<String, String> environment;
    private final Set<Path> files = ConcurrentHashMap.newKeySet();

    private RunInputs(Vault vault, Function<String, String> environment) {
        this.vault = vault;
        this.environment = environment;
    }

    /**
     * A run's inputs, decrypted with {@code passwords} (none: a vaulted value is a problem naming the
     * options), its templates' {@code env()} read from {@code environment} (null: unset).
     */
    public static RunInputs of(List<VaultPassword> passwords, Function<String, String> environment) {
        return new RunInputs(Vault.of(passwords), environment);
    }

    /** A run's inputs without vault passwords, in an empty environment. */
    public static RunInputs none() {
        return of(List.of(), name -> null);
    }

    /** The controller's environment variable {@code name} as the run sees it (null: unset). */
    public String environment(String name) {
        return environment.apply(name);
    }

    /** The run's vault passwords and the values revealed with them. */
    public Vault vault() {
        return vault;
    }

    /** Records that a loader read {@code file} (called before reading it, so a missing file is an input too). */
    public void read(Path file) {
        files.add(file.toAbsolutePath().normalize());
    }

    /** The local files read so far (absolute, sorted). */
    public List<Path> files() {
        return files.stream().sorted().toList();
    }
}
