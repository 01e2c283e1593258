package dev.converge.gather;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The file contents and command outputs of one gather, by part id ({@code c3}: content of fact 3;
 * {@code o5}/{@code e5}: standard output/error of fact 5). They arrive as ONE base64 blob in
 * which each part follows a line {@code @@NONCE ID} (with a newline before it, which is not part
 * of the previous part), or, when reading them all at once failed, as one base64 line per part
 * ({@code !} for a part that could not be read).
 */
final class GatherParts {
    private final Map<String, byte[]> parts;

    private GatherParts(Map<String, byte[]> parts) {
        this.parts = parts;
    }

    /** A part's bytes, or null when it is missing or could not be read. */
    byte[] get(String id) {
        return parts.get(id);
    }

    static GatherParts parse(Map<String, List<String>> sections, String marker) {
        List<String> blob = sections.getOrDefault("blob", List.of());
        String encoded = blob.isEmpty() ? "" : blob.get(0).strip();
        Map<String, byte[]> parts = new HashMap<>();
        if (encoded.equals("!")) {
            String prefix = "part ";
            sections.forEach((name, lines) -> {
                String line = lines.isEmpty() ? "" : lines.get(0).strip();
                if (name.startsWith(prefix) && !line.startsWith("!")) {
                    parts.put(
                            name.substring(prefix.length()), Base64.getDecoder().decode(line));
                }
            });
        } else {
            split(Base64.getDecoder().decode(encoded), ("\n" + marker).getBytes(StandardCharsets.US_ASCII), parts);
        }
        return new GatherParts(parts);
    }

    /** Splits {@code \n@@NONCE ID\n}-introduced parts; a part runs to the next marker's leading newline. */
    private static void split(byte[] blob, byte[] marker, Map<String, byte[]> parts) {
        int at = indexOf(blob, marker, 0);
        while (at >= 0) {
            int idStart = at + marker.length;
            int idEnd = indexOf(blob, new byte[] {'\n'}, idStart);
            if (idEnd < 0) {
                return;
            }
            int next = indexOf(blob, marker, idEnd + 1);
            int end = next < 0 ? blob.length : next;
            parts.put(
                    new String(blob, idStart, idEnd - idStart, StandardCharsets.US_ASCII),
                    Arrays.copyOfRange(blob, idEnd + 1, end));
            at = next;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
