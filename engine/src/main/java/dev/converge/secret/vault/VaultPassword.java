package dev.converge.secret.vault;

import java.util.Arrays;

/**
 * One vault password and where it came from.
 *
 * @param label the vault id ({@code default} when none was given)
 * @param source what to name in messages: the file, the script or "the prompt"
 */
public record VaultPassword(String label, String source, byte[] password) {
    public VaultPassword {
        password = password.clone();
    }

    @Override
    public byte[] password() {
        return password.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaultPassword p
                && p.label.equals(label)
                && p.source.equals(source)
                && Arrays.equals(p.password, password);
    }

    @Override
    public int hashCode() {
        return label.hashCode() * 31 + source.hashCode();
    }

    @Override
    public String toString() {
        return "VaultPassword[" + label + " from " + source + "]";
    }
}
