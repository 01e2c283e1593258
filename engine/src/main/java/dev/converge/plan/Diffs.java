package dev.converge.plan;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Unified diffs of file contents, with guards for binary and missing trailing newlines. */
public final class Diffs {
    private static final int CONTEXT = 3;

    private Diffs() {}

    /** The unified diff from {@code before} (null: absent) to {@code after}, or a note for binary content. */
    public static String unified(String label, byte[] before, byte[] after) {
        Optional<String> oldText = text(before == null ? new byte[0] : before);
        Optional<String> newText = text(after == null ? new byte[0] : after);
        if (oldText.isEmpty() || newText.isEmpty()) {
            return "binary file changed: " + label + " (sha256 " + (before == null ? "absent" : sha256(before)) + " -> "
                    + sha256(after) + ", " + (before == null ? 0 : before.length) + " -> " + after.length + " bytes)\n";
        }
        List<String> a = lines(oldText.get());
        List<String> b = lines(newText.get());
        Patch<String> patch = DiffUtils.diff(a, b);
        List<String> out = UnifiedDiffUtils.generateUnifiedDiff(
                before == null ? "/dev/null" : "a" + label, "b" + label, a, patch, CONTEXT);
        return out.isEmpty() ? "" : String.join("\n", out) + "\n";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        boolean newlineAtEnd = text.endsWith("\n");
        List<String> lines = new ArrayList<>(
                Arrays.asList((newlineAtEnd ? text.substring(0, text.length() - 1) : text).split("\n", -1)));
        if (!newlineAtEnd) {
            lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "\n\\ No newline at end of file");
        }
        return lines;
    }

    private static Optional<String> text(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
