package dev.converge.modules.line;

import static dev.converge.modules.testing.Golden.assertGolden;
import static dev.converge.modules.testing.Golden.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LineInFileTest {
    private static final String DEFAULTS = fixture("default-libvirtd");

    @Test
    void replacesTheLastMatchInPlace() {
        String content = "a=1\nb=2\na=3\nc=4\n";
        String out = LineInFile.present(content, "a=9", Pattern.compile("^a="), LineInFile.Anchor.END);
        assertThat(out).isEqualTo("a=1\nb=2\na=9\nc=4\n");
        assertThat(LineInFile.present(out, "a=9", Pattern.compile("^a="), LineInFile.Anchor.END))
                .isEqualTo(out);
    }

    @Test
    void uncommentsTheStockDefaultWithARegexThatMatchesTheCommentedForm() {
        String out = LineInFile.present(
                DEFAULTS, "LIBVIRTD_ARGS=\"\"", Pattern.compile("^#?LIBVIRTD_ARGS="), LineInFile.Anchor.END);
        assertGolden("line", "default-libvirtd-last-match", out);
        // the last of the two commented forms was replaced, the first kept
        assertThat(out).contains("#LIBVIRTD_ARGS=\"--timeout 120\"\n").doesNotContain("#LIBVIRTD_ARGS=\"--listen\"");
        assertThat(out.lines().count()).isEqualTo(DEFAULTS.lines().count());
        assertThat(LineInFile.present(
                        out, "LIBVIRTD_ARGS=\"\"", Pattern.compile("^#?LIBVIRTD_ARGS="), LineInFile.Anchor.END))
                .isEqualTo(out);
    }

    @Test
    void insertsAfterTheLastAnchorMatchWhenNothingMatches() {
        String out = LineInFile.present(
                DEFAULTS,
                "LIBVIRTD_ARGS=\"--timeout 120\"",
                Pattern.compile("^LIBVIRTD_ARGS="),
                LineInFile.Anchor.of("^#LIBVIRTD_ARGS=", null));
        assertGolden("line", "default-libvirtd-insert-after", out);
        assertThat(out).contains("#LIBVIRTD_ARGS=\"--listen\"\nLIBVIRTD_ARGS=\"--timeout 120\"\n");
    }

    @Test
    void insertsBeforeAndAtBof() {
        String content = "b\nc\n";
        assertThat(LineInFile.present(content, "a", null, LineInFile.Anchor.of(null, "^c")))
                .isEqualTo("b\na\nc\n");
        assertThat(LineInFile.present(content, "a", null, LineInFile.Anchor.of(null, "BOF")))
                .isEqualTo("a\nb\nc\n");
        assertThat(LineInFile.present(content, "a", null, LineInFile.Anchor.of("^nomatch", null)))
                .isEqualTo("b\nc\na\n");
    }

    @Test
    void exactLinePresentButRegexpDoesNotMatchIsANoOp() {
        String content = "x=1\n";
        assertThat(LineInFile.present(content, "x=1", Pattern.compile("^y="), LineInFile.Anchor.END))
                .isEqualTo(content);
    }

    @Test
    void keepsAMissingFinalNewlineAndCrlf() {
        assertThat(LineInFile.present("a\nb", "c", null, LineInFile.Anchor.END)).isEqualTo("a\nb\nc");
        assertThat(LineInFile.present("a\r\nb\r\n", "c", null, LineInFile.Anchor.END))
                .isEqualTo("a\r\nb\r\nc\r\n");
        assertThat(LineInFile.present("", "c", null, LineInFile.Anchor.END)).isEqualTo("c\n");
        assertThat(LineInFile.absent("a\nb", "b", null)).isEqualTo("a");
    }

    @Test
    void absentRemovesEveryMatch() {
        String out = LineInFile.absent("a=1\nb=2\na=3\n", null, Pattern.compile("^a="));
        assertThat(out).isEqualTo("b=2\n");
        assertThat(LineInFile.absent(out, null, Pattern.compile("^a="))).isEqualTo(out);
    }
}
