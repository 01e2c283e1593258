package dev.converge.secret.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ansible Vault's format 1.1 and 1.2 ({@code AES256}), with the JDK's crypto only:
 * PBKDF2-HMAC-SHA256 (10000 rounds, 80 bytes: AES key, HMAC key, counter), AES-256-CTR over the
 * PKCS#7-padded text, HMAC-SHA256 over the ciphertext; the salt, HMAC and ciphertext as hex lines,
 * hexed again in lines of 80 under a {@code $ANSIBLE_VAULT;1.1;AES256} (or
 * {@code $ANSIBLE_VAULT;1.2;AES256;label}) header. Files written here open with
 * {@code ansible-vault}, and the other way round (see AnsibleVaultOracleTest).
 */
public final class AnsibleVault {
    /** The first characters of every vault text. */
    public static final String MAGIC = "$ANSIBLE_VAULT;";

    private static final int ROUNDS = 10_000;
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private AnsibleVault() {}

    /** A vault text's header: its version and, for 1.2, its vault id label. */
    public record Header(String version, Optional<String> label) {}

    /** Thrown when a text is not a vault or was not made with the password given. */
    public static final class VaultFormatException extends Exception {
        private static final long serialVersionUID = 1L;

        VaultFormatException(String message) {
            super(message);
        }
    }

    /** Whether {@code text} is a vault text (after leading whitespace, as in an inline {@code !vault} value). */
    public static boolean isVault(String text) {
        return text != null && text.stripLeading().startsWith(MAGIC);
    }

    /** The header of a vault text. */
    public static Header header(String text) throws VaultFormatException {
        String first = text.stripLeading().lines().findFirst().orElse("").strip();
        String[] parts = first.split(";");
        if (parts.length < 3 || !parts[0].equals("$ANSIBLE_VAULT")) {
            throw new VaultFormatException("not a vault: the first line is not $ANSIBLE_VAULT;1.1;AES256");
        }
        if (!parts[2].strip().equals("AES256")) {
            throw new VaultFormatException("unsupported vault cipher '" + parts[2] + "' (only AES256 is)");
        }
        if (!parts[1].equals("1.1") && !parts[1].equals("1.2")) {
            throw new VaultFormatException("unsupported vault format version '" + parts[1] + "' (1.1 and 1.2 are)");
        }
        return new Header(
                parts[1], parts.length > 3 && !parts[3].isBlank() ? Optional.of(parts[3].strip()) : Optional.empty());
    }

    /**
     * The plaintext of a vault text.
     *
     * @throws VaultFormatException when the text is damaged, or the HMAC does not match: the password is wrong
     */
    public static byte[] decrypt(String text, byte[] password) throws VaultFormatException {
        header(text);
        String[] lines = text.strip().split("\\s*\n\\s*");
        StringBuilder hex = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            hex.append(lines[i].strip());
        }
        String[] parts;
        byte[] salt;
        byte[] hmac;
        byte[] ciphertext;
        try {
            parts = new String(HEX.parseHex(hex), StandardCharsets.US_ASCII).split("\n");
            if (parts.length != 3) {
                throw new VaultFormatException("damaged vault: expected salt, HMAC and ciphertext");
            }
            salt = HEX.parseHex(parts[0].strip());
            hmac = HEX.parseHex(parts[1].strip());
            ciphertext = HEX.parseHex(parts[2].strip());
        } catch (IllegalArgumentException e) {
            throw new VaultFormatException("damaged vault: the body is not hexadecimal");
        }
        Keys keys = Keys.derive(password, salt);
        if (!MessageDigest.isEqual(keys.hmac(ciphertext), hmac)) {
            throw new VaultFormatException("wrong vault password (the HMAC does not match)");
        }
        byte[] padded = keys.ctr(Cipher.DECRYPT_MODE, ciphertext);
        int pad = padded.length == 0 ? 0 : padded[padded.length - 1] & 0xff;
        if (pad < 1 || pad > 16 || pad > padded.length) {
            throw new VaultFormatException("damaged vault: bad padding");
        }
        return Arrays.copyOf(padded, padded.length - pad);
    }

    /** A vault text of {@code plaintext}: format 1.1, or 1.2 when a label is given (not "default"). */
    public static String encrypt(byte[] plaintext, byte[] password, Optional<String> label) {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        Keys keys = Keys.derive(password, salt);
        int pad = 16 - plaintext.length % 16;
        byte[] padded = Arrays.copyOf(plaintext, plaintext.length + pad);
        Arrays.fill(padded, plaintext.length, padded.length, (byte) pad);
        byte[] ciphertext = keys.ctr(Cipher.ENCRYPT_MODE, padded);
        String body =
                HEX.formatHex(salt) + "\n" + HEX.formatHex(keys.hmac(ciphertext)) + "\n" + HEX.formatHex(ciphertext);
        String hex = HEX.formatHex(body.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder(label.filter(l -> !l.equals("default"))
                        .map(l -> MAGIC + "1.2;AES256;" + l)
                        .orElse(MAGIC + "1.1;AES256"))
                .append('\n');
        for (int i = 0; i < hex.length(); i += 80) {
            out.append(hex, i, Math.min(hex.length(), i + 80)).append('\n');
        }
        return out.toString();
    }

    /** The three values PBKDF2 gives for a password and salt. */
    private record Keys(byte[] aes, byte[] mac, byte[] counter) {
        static Keys derive(byte[] password, byte[] salt) {
            char[] chars = new String(password, StandardCharsets.UTF_8).toCharArray();
            try {
                SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
                byte[] derived = factory.generateSecret(new PBEKeySpec(chars, salt, ROUNDS, 80 * 8))
                        .getEncoded();
                return new Keys(
                        Arrays.copyOfRange(derived, 0, 32),
                        Arrays.copyOfRange(derived, 32, 64),
                        Arrays.copyOfRange(derived, 64, 80));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
            } finally {
                Arrays.fill(chars, '\0');
            }
        }

        byte[] hmac(byte[] data) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(this.mac, "HmacSHA256"));
                return mac.doFinal(data);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks HmacSHA256", e);
            }
        }

        byte[] ctr(int mode, byte[] data) {
            try {
                Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
                cipher.init(mode, new SecretKeySpec(aes, "AES"), new IvParameterSpec(counter));
                return cipher.doFinal(data);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks AES/CTR", e);
            }
        }
    }
}
