package dev.converge.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: for any string without NUL, {@code sh -c 'printf %s "$1"' sh <quoted>} run through a real
 * {@code /bin/sh} prints exactly that string. Random strings from a fixed seed (deterministic).
 */
class ShellQuotePropertyTest {
    private static final String NASTY = "'\"`$(){}[]\\;|&<>*?~#!%^=, \t\n\r-";
    private static final String[] UNICODE = {
        "\u00e9", "\u65e5\u672c", "\ud83d\ude00", "\u202e", "\u00a0", "\u0301", "\u007f", "\u0001"
    };
    private static final int CASES = 400;
    private static final int PER_SHELL = 50;

    private static String randomString(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(24);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(4)) {
                case 0 -> s.append(NASTY.charAt(random.nextInt(NASTY.length())));
                case 1 -> s.append(UNICODE[random.nextInt(UNICODE.length)]);
                case 2 -> s.append((char) (0x20 + random.nextInt(0x5f)));
                default ->
                    s.append(List.of("$(id)", "`id`", "'\\''", "${HOME}", "$1", "\\n", "'", "\"")
                            .get(random.nextInt(8)));
            }
        }
        return s.toString();
    }

    @Test
    void quotedStringsReachTheProgramByteForByte() throws Exception {
        Random random = new Random(20261126);
        List<String> values = new ArrayList<>(List.of("", "'", "''", "\n", "a'b\"c", "-e", "--", "\\"));
        while (values.size() < CASES) {
            values.add(randomString(random));
        }
        for (int from = 0; from < values.size(); from += PER_SHELL) {
            List<String> batch = values.subList(from, Math.min(values.size(), from + PER_SHELL));
            assertThat(printedBy(batch)).containsExactlyElementsOf(batch);
        }
    }

    /** One shell runs one {@code sh -c 'printf %s "$1"' sh <quoted>} per value, each output ended by a NUL. */
    private static List<String> printedBy(List<String> values) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        for (String value : values) {
            script.append(ShellQuote.join(List.of("sh", "-c", "printf %s \"$1\"", "sh", value)))
                    .append("; printf '\\000'\n");
        }
        Process shell = new ProcessBuilder("/bin/sh", "-c", script.toString())
                .redirectErrorStream(true)
                .start();
        byte[] output;
        try (InputStream in = shell.getInputStream()) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            output = buffer.toByteArray();
        }
        assertThat(shell.waitFor()).isZero();
        List<String> printed = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < output.length; i++) {
            if (output[i] == 0) {
                printed.add(new String(output, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return printed;
    }

    @Test
    void nulIsRefused() {
        assertThatThrownBy(() -> ShellQuote.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShellQuote.join(List.of("ok", "\0"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plainWordsStayReadable() {
        assertThat(ShellQuote.join(List.of("ls", "-la", "/etc/ssh", "a b", ""))).isEqualTo("ls -la /etc/ssh 'a b' ''");
    }
}
