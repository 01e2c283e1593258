package dev.converge.secret.vault;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads vault passwords the way ansible-playbook takes them: {@code --vault-password-file FILE}
 * (a file, or an executable that prints it), {@code --vault-id [label@]FILE|prompt},
 * {@code --ask-vault-pass} (from the terminal), and {@code ANSIBLE_VAULT_PASSWORD_FILE}.
 */
public final class VaultPasswords {
    private static final long SCRIPT_TIMEOUT_SECONDS = 60;

    private VaultPasswords() {}

    /** A password could not be read; the message names the source and says what to do. */
    public static final class PasswordException extends Exception {
        private static final long serialVersionUID = 1L;

        public PasswordException(String message) {
            super(message);
        }
    }

    /** Reads a terminal password; the real one reads from {@link System#console()}. */
    @FunctionalInterface
    public interface Prompt {
        Optional<char[]> read(String question);

        static Prompt terminal() {
            return question -> {
                Console console = System.console();
                return console == null ? Optional.empty() : Optional.ofNullable(console.readPassword("%s", question));
            };
        }
    }

    /**
     * Every password the options give, in the order given; the environment variable's file comes
     * when no option gave one (as in Ansible).
     */
    public static List<VaultPassword> read(
            List<Path> passwordFiles, List<String> vaultIds, boolean ask, Optional<String> envFile, Prompt prompt)
            throws PasswordException {
        List<VaultPassword> out = new ArrayList<>();
        for (String id : vaultIds) {
            int at = id.indexOf('@');
            String label = at > 0 ? id.substring(0, at) : "default";
            String source = at >= 0 ? id.substring(at + 1) : id;
            out.add(source.equals("prompt") ? prompted(label, prompt) : fromFile(label, Path.of(source)));
        }
        for (Path file : passwordFiles) {
            out.add(fromFile("default", file));
        }
        if (ask) {
            out.add(prompted("default", prompt));
        }
        if (out.isEmpty() && envFile.isPresent() && !envFile.get().isBlank()) {
            out.add(fromFile("default", Path.of(envFile.get())));
        }
        return out;
    }

    private static VaultPassword prompted(String label, Prompt prompt) throws PasswordException {
        String question = label.equals("default") ? "Vault password: " : "Vault password (" + label + "): ";
        char[] chars = prompt.read(question)
                .orElseThrow(() -> new PasswordException(
                        "--ask-vault-pass/--vault-id " + label + "@prompt need a terminal to read the password from; "
                                + "in scripts and CI use --vault-password-file FILE"));
        byte[] bytes = new String(chars).getBytes(StandardCharsets.UTF_8);
        Arrays.fill(chars, '\0');
        return checked(new VaultPassword(label, "the prompt", bytes));
    }

    private static VaultPassword fromFile(String label, Path file) throws PasswordException {
        if (!Files.isRegularFile(file)) {
            throw new PasswordException("vault password file " + file
                    + " not found (check the path given to --vault-password-file/--vault-id)");
        }
        if (Files.isExecutable(file)) {
            return checked(new VaultPassword(label, file.toString(), run(label, file)));
        }
        try {
            return checked(new VaultPassword(
                    label,
                    file.toString(),
                    Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new PasswordException("cannot read vault password file " + file + ": " + e.getMessage());
        }
    }

    /** An executable password file prints the password; a {@code *-client} script is asked for a vault id (Ansible's protocol). */
    private static byte[] run(String label, Path script) throws PasswordException {
        List<String> argv = new ArrayList<>(List.of(script.toAbsolutePath().toString()));
        String name = script.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        if (name.endsWith("-client")) {
            argv.addAll(List.of("--vault-id", label));
        }
        try {
            Process process = new ProcessBuilder(argv)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            process.getOutputStream().close();
            byte[] stdout = readAll(process.getInputStream());
            if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new PasswordException(
                        "vault password script " + script + " did not finish within " + SCRIPT_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new PasswordException(
                        "vault password script " + script + " failed (exit " + process.exitValue() + ")");
            }
            return new String(stdout, StandardCharsets.UTF_8)
                    .replaceAll("[\r\n]+$", "")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PasswordException("cannot run vault password script " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PasswordException("interrupted while running vault password script " + script);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private static VaultPassword checked(VaultPassword p) throws PasswordException {
        if (p.password().length == 0) {
            throw new PasswordException("the vault password from " + p.source() + " is empty");
        }
        return p;
    }
}
