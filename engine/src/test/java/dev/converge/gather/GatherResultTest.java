package dev.converge.gather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.Fact;
import dev.converge.spi.UnreadableFactException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing a gather's answer: an unreadable file is a value of its own, not a broken host. */
class GatherResultTest {
    private static final String N = "0123456789abcdef";

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Two files; reading them all at once failed, so each part came alone, the first one unreadable ("!"). */
    private static byte[] answer() {
        return String.join(
                        "\n",
                        "@@" + N + " host",
                        "os_id=debian",
                        "@@" + N + " kinds",
                        "0 file",
                        "1 file",
                        "@@" + N + " exits",
                        "@@" + N + " blob",
                        "!",
                        "@@" + N + " part st",
                        b64("4 640 root root /etc/secret\n6 644 root root /etc/open\n"),
                        "@@" + N + " part c0",
                        "!",
                        "@@" + N + " part c1",
                        b64("hello\n"),
                        "@@" + N + " end",
                        "")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anUnreadableFileFailsOnlyItsReadersAndTheOtherFactsAreRead() {
        Fact.FileRead secret = new Fact.FileRead("/etc/secret");
        Fact.FileRead open = new Fact.FileRead("/etc/open");

        GatherResult result = GatherResult.parse(List.of(secret, open), N, answer());

        assertThat(result.values().get(secret)).isInstanceOf(GatherResult.Unreadable.class);
        assertThatThrownBy(() -> result.file(secret))
                .isInstanceOf(UnreadableFactException.class)
                .hasMessageContaining("cannot read /etc/secret");
        assertThat(new String(result.file(open).content(), StandardCharsets.UTF_8))
                .isEqualTo("hello\n");
        assertThat(result.file(open).mode()).isEqualTo("0644");
        assertThat(result.hostFacts()).containsEntry("os_id", "debian");
    }

    @Test
    void anAnswerCutShortIsStillABrokenRead() {
        byte[] cut = new String(answer(), StandardCharsets.UTF_8)
                .replace("@@" + N + " end", "")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> GatherResult.parse(List.of(new Fact.FileRead("/etc/open")), N, cut))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stopped early");
    }
}
