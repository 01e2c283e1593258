package dev.converge.cli;

import dev.converge.secret.vault.AnsibleVault;
import dev.converge.secret.vault.Vault;
import dev.converge.secret.vault.VaultPassword;
import dev.converge.secret.vault.VaultPasswords;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code converge vault encrypt|decrypt|view|encrypt-string}: Ansible Vault files and values that
 * {@code ansible-vault} opens, without Ansible installed. Files are rewritten in place, mode kept.
 */
@Command(
        name = "vault",
        mixinStandardHelpOptions = true,
        description = {
            "Encrypts and decrypts Ansible Vault files and values (ansible-vault opens what this writes).",
            "  converge vault encrypt --vault-password-file PW group_vars/all/vault.yml",
            "  converge vault encrypt-string --vault-id prod@PW --name db_pass 's3cret'"
        })
final class VaultCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "encrypt, decrypt, view or encrypt-string")
    String action;

    @Parameters(
            index = "1..*",
            paramLabel = "FILE|VALUE",
            description = "Files (encrypt, decrypt, view) or values (encrypt-string).")
    List<String> arguments = new ArrayList<>();

    @Option(
            names = "--vault-password-file",
            paramLabel = "FILE",
            description = "The vault password: a file, or an executable that prints it.")
    List<Path> passwordFiles = new ArrayList<>();

    @Option(
            names = "--vault-id",
            paramLabel = "[LABEL@]FILE|prompt",
            description = "A password with its vault id; encrypting with a label writes format 1.2.")
    List<String> vaultIds = new ArrayList<>();

    @Option(
            names = {"-J", "--ask-vault-pass"},
            description = "Ask for the vault password on the terminal.")
    boolean ask;

    @Option(
            names = {"-n", "--name"},
            paramLabel = "NAME",
            description = "encrypt-string: print `NAME: !vault |` YAML.")
    String name;

    VaultPasswords.Prompt prompt = VaultPasswords.Prompt.terminal();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<VaultPassword> passwords = VaultPasswords.read(
                    passwordFiles,
                    vaultIds,
                    ask,
                    Optional.ofNullable(System.getenv("ANSIBLE_VAULT_PASSWORD_FILE")),
                    prompt);
            if (passwords.isEmpty()) {
                err.println(
                        "converge vault: no vault password given (--vault-password-file FILE, --vault-id label@FILE or --ask-vault-pass)");
                return ExitCode.INVALID_INPUT;
            }
            Vault vault = Vault.of(passwords);
            return switch (action) {
                case "encrypt" ->
                    eachFile(file -> Files.writeString(file, encrypt(Files.readAllBytes(file), passwords.get(0))), err);
                case "decrypt" -> eachFile(file -> Files.writeString(file, vault.decrypt(Files.readString(file))), err);
                case "view" -> eachFile(file -> out.print(vault.decrypt(Files.readString(file))), err);
                case "encrypt-string" -> encryptStrings(passwords.get(0), out);
                default -> {
                    err.println("converge vault: unknown action '" + action
                            + "': use encrypt, decrypt, view or encrypt-string");
                    yield ExitCode.INVALID_INPUT;
                }
            };
        } catch (VaultPasswords.PasswordException e) {
            err.println("converge vault: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static String encrypt(byte[] plain, VaultPassword password) {
        return AnsibleVault.encrypt(plain, password.password(), Optional.of(password.label()));
    }

    private interface FileAction {
        void apply(Path file) throws IOException, Vault.VaultException;
    }

    private int eachFile(FileAction action, PrintWriter err) {
        if (arguments.isEmpty()) {
            err.println("converge vault " + this.action + ": name at least one FILE");
            return ExitCode.INVALID_INPUT;
        }
        for (String argument : arguments) {
            Path file = Path.of(argument);
            try {
                boolean encrypted = AnsibleVault.isVault(Files.readString(file, StandardCharsets.UTF_8));
                if (this.action.equals("encrypt") == encrypted) {
                    err.println(file + ": " + (encrypted ? "already encrypted" : "not encrypted with Ansible Vault"));
                    return ExitCode.INVALID_INPUT;
                }
                action.apply(file);
            } catch (IOException | UncheckedIOException e) {
                err.println(file + ": cannot read or write: " + e.getMessage());
                return ExitCode.INVALID_INPUT;
            } catch (Vault.VaultException e) {
                err.println(file + ": " + e.failure().reason());
                err.println("    hint: " + e.failure().hint());
                return ExitCode.INVALID_INPUT;
            }
        }
        return ExitCode.OK;
    }

    private int encryptStrings(VaultPassword password, PrintWriter out) {
        if (arguments.isEmpty()) {
            spec.commandLine().getErr().println("converge vault encrypt-string: give the VALUE to encrypt");
            return ExitCode.INVALID_INPUT;
        }
        for (String value : arguments) {
            String vault = encrypt(value.getBytes(StandardCharsets.UTF_8), password);
            out.print((name == null ? "" : name + ": ") + "!vault |\n" + vault.replaceAll("(?m)^(?=.)", "  "));
        }
        return ExitCode.OK;
    }
}
