package dev.converge.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.plan.FileDiff;
import dev.converge.plan.ResourceStatus;
import dev.converge.spi.Change;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Escape sequences in values, remote contents and stderr never reach the terminal raw. */
class TerminalTextTest {
    private static final String TITLE = "\u001b]0;pwned\u0007";
    private static final String CLEAR = "\u001b[2J\u001b[H";

    @Test
    void controlCharactersAreShownAsEscapes() {
        assertThat(TerminalText.safe("a\u001b[31mb\rc\td\ne\u009bf\u202eg"))
                .isEqualTo("a\\x1b[31mb\\rc\td\ne\\x9bf\\u202eg");
        assertThat(TerminalText.safe("plain ünïcode")).isEqualTo("plain ünïcode");
    }

    @Test
    void theHumanReporterPrintsOnlyItsOwnColoursWithOrWithoutColour() {
        ResourceReport r = new ResourceReport(
                "motd" + TITLE,
                "file",
                ResourceStatus.FAILED,
                List.of(new Change.FieldChange("content", "a" + CLEAR, "b")),
                List.of(new FileDiff(
                        "/etc/motd",
                        "--- a/etc/motd\n+++ b/etc/motd\n@@ -1 +1 @@\n-old" + CLEAR + "\n+new" + TITLE + "\n")),
                List.of("warn" + CLEAR),
                "failed (exit 1: " + TITLE + "stderr)",
                List.of(),
                0);
        for (boolean colour : List.of(false, true)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            HumanReporter reporter =
                    new HumanReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, colour);
            reporter.on(new RunEvent.ResourceFinished("web1", r));
            reporter.on(new RunEvent.Warning("remote said " + TITLE));
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertThat(out)
                    .doesNotContain("\u0007", "\u001b]", "\u001b[2J", "\u001b[H")
                    .contains("\\x1b]0;pwned\\x07", "\\x1b[2J");
            assertThat(out.replaceAll("\u001b\\[(0|1|3[1-6])m", "")).doesNotContain("\u001b");
        }
    }

    @Test
    void anEmptyFieldValueIsShownAsNoneNotAsADoubleSpace() {
        ResourceReport r = new ResourceReport(
                "admin",
                "user",
                ResourceStatus.CHANGED,
                List.of(new Change.FieldChange("shell", "", "/bin/bash")),
                List.of(),
                List.of(),
                "",
                List.of(),
                0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new HumanReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, false)
                .on(new RunEvent.ResourceFinished("web1", r));
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("  shell: (none) -> /bin/bash\n")
                .doesNotContain(":  ->");
    }
}
