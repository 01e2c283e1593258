package dev.converge.secret.vault;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The vault passwords of a run, and the values decrypted with them (every one of which is a
 * secret). One per run ({@code RunInputs} holds it), handed to whoever decrypts: nothing about it is
 * process-wide.
 */
public final class Vault {
    private final List<VaultPassword> passwords;
    private final Set<String> revealed = ConcurrentHashMap.newKeySet();

    private Vault(List<VaultPassword> passwords) {
        this.passwords = List.copyOf(passwords);
    }

    /** A vault that opens what these passwords open (none: every vault text is a problem naming the options). */
    public static Vault of(List<VaultPassword> passwords) {
        return new Vault(passwords);
    }

    /** Decryption failed: why, and how to fix it (names no password). */
    public record Failure(String reason, String hint) {}

    /**
     * The plaintext of a vault text (the caller {@link #reveal}s the values in it). The password of a matching vault id
     * is tried first, then every other one (as Ansible does).
     */
    public String decrypt(String vaultText) throws VaultException {
        AnsibleVault.Header header;
        try {
            header = AnsibleVault.header(vaultText);
        } catch (AnsibleVault.VaultFormatException e) {
            throw new VaultException(
                    new Failure(e.getMessage(), "re-create it with ansible-vault or converge vault encrypt"));
        }
        if (passwords.isEmpty()) {
            throw new VaultException(new Failure(
                    "encrypted with Ansible Vault"
                            + header.label().map(l -> " (vault id " + l + ")").orElse("")
                            + ", and no vault password was given",
                    "give --vault-password-file FILE, --vault-id label@FILE or --ask-vault-pass"));
        }
        List<VaultPassword> order = new ArrayList<>(passwords);
        order.sort(
                Comparator.comparing(p -> !header.label().map(p.label()::equals).orElse(false)));
        String lastError = "";
        for (VaultPassword p : order) {
            try {
                return new String(AnsibleVault.decrypt(vaultText, p.password()), StandardCharsets.UTF_8);
            } catch (AnsibleVault.VaultFormatException e) {
                lastError = e.getMessage();
                if (!lastError.startsWith("wrong vault password")) {
                    throw new VaultException(
                            new Failure(lastError, "re-create it with ansible-vault or converge vault encrypt"));
                }
            }
        }
        List<String> sources = passwords.stream()
                .map(p -> p.label().equals("default") ? p.source() : p.label() + "@" + p.source())
                .toList();
        throw new VaultException(
                new Failure(
                        "cannot decrypt"
                                + header.label()
                                        .map(l -> " (vault id " + l + ")")
                                        .orElse("") + ": wrong vault password (tried " + String.join(", ", sources)
                                + ")",
                        "give the password this file was encrypted with (--vault-password-file, --vault-id label@FILE, --ask-vault-pass)"));
    }

    /** Records values decrypted from a vault (a vault file's scalars) as secrets. */
    public void reveal(String value) {
        if (value != null && !value.isBlank()) {
            revealed.add(value);
        }
    }

    public void revealAll(Collection<String> values) {
        values.forEach(this::reveal);
    }

    /** Every value decrypted so far. */
    public Set<String> revealed() {
        return Set.copyOf(revealed);
    }

    /** The first password, to encrypt with (converge vault encrypt). */
    public Optional<VaultPassword> first() {
        return passwords.stream().findFirst();
    }

    /** Decryption failed. */
    public static final class VaultException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Failure failure;

        VaultException(Failure failure) {
            super(failure.reason());
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }
}
