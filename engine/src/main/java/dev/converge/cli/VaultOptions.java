package dev.converge.cli;

import dev.converge.config.RunInputs;
import dev.converge.diag.Problem;
import dev.converge.diag.SourceLocation;
import dev.converge.secret.vault.VaultPassword;
import dev.converge.secret.vault.VaultPasswords;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The vault password options of a command that reads YAML (a run, {@code converge inventory}), as ansible-playbook's. */
final class VaultOptions {
    @Option(
            names = "--vault-password-file",
            paramLabel = "FILE",
            description = "Ansible Vault password: a file, or an executable that "
                    + "prints it. Repeatable. Default: $ANSIBLE_VAULT_PASSWORD_FILE.")
    List<Path> vaultPasswordFiles = new ArrayList<>();

    @Option(
            names = "--vault-id",
            paramLabel = "[LABEL@]FILE|prompt",
            description = "A vault password with its vault id (label@file, label@prompt). Repeatable.")
    List<String> vaultIds = new ArrayList<>();

    @Option(
            names = {"-J", "--ask-vault-pass"},
            description = "Ask for the vault password on the terminal.")
    boolean askVaultPass;

    List<VaultPassword> passwords(VaultPasswords.Prompt prompt) throws VaultPasswords.PasswordException {
        return VaultPasswords.read(
                vaultPasswordFiles,
                vaultIds,
                askVaultPass,
                Optional.ofNullable(System.getenv("ANSIBLE_VAULT_PASSWORD_FILE")),
                prompt);
    }

    /** What runs with the run's inputs. */
    interface Body {
        int run(RunInputs inputs) throws InterruptedException;
    }

    /**
     * Runs {@code body} with inputs of its own, decrypted with these passwords; a password that cannot be
     * read is exit 3.
     */
    int with(VaultPasswords.Prompt prompt, PrintStream err, Body body) throws InterruptedException {
        List<VaultPassword> passwords;
        try {
            passwords = passwords(prompt);
        } catch (VaultPasswords.PasswordException e) {
            return ConvergeCommand.invalid(
                    List.of(new Problem(
                            SourceLocation.of(Path.of("<command line>")),
                            e.getMessage(),
                            "see docs/playbook.md, section Vault")),
                    err);
        }
        return body.run(RunInputs.of(passwords, System::getenv));
    }
}
