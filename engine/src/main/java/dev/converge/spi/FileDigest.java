package dev.converge.spi;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a file held when a write was planned, as the host's script checks it before writing:
 * the SHA-256 of a regular file's content (lower-case hex, as {@code sha256sum} prints it),
 * {@code absent} for nothing at the path, {@code other} for anything else (directory, dangling link...).
 */
public final class FileDigest {
    public static final String ABSENT = "absent";
    public static final String OTHER = "other";

    private FileDigest() {}

    public static String of(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    /** The digest of what {@code file} says is at its path. */
    public static String of(FileInfo file) {
        return switch (file.kind()) {
            case ABSENT -> ABSENT;
            case FILE -> of(file.content());
            default -> OTHER;
        };
    }

    static void requireValid(String digest) {
        if (digest == null || !(digest.equals(ABSENT) || digest.equals(OTHER) || digest.matches("[0-9a-f]{64}"))) {
            throw new IllegalArgumentException(
                    "a write must say what it was planned from (sha-256 hex, absent or other), not " + digest);
        }
    }

    /** For messages: {@code sha256:0123456789ab} or the word. */
    public static String shortForm(String digest) {
        return digest.length() == 64 ? "sha256:" + digest.substring(0, 12) : digest;
    }
}
