package dev.converge.modules.keyvalue;

import static dev.converge.modules.testing.Golden.assertGolden;
import static dev.converge.modules.testing.Golden.fixture;
import static dev.converge.modules.testing.Texts.assertOtherLinesKept;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellVarsTest {
    private static final String STOCK = fixture("default-libvirtd");

    @Test
    void replacesTheLastCommentedFormInPlace() {
        String out = ShellVars.apply(STOCK, Map.of("LIBVIRTD_ARGS", "--timeout 120"), List.of());
        assertGolden("keyvalue", "default-libvirtd-args", out);
        assertThat(out)
                .contains("#LIBVIRTD_ARGS=\"--timeout 120\"\n", "\nLIBVIRTD_ARGS=\"--timeout 120\"\n")
                .doesNotContain("#LIBVIRTD_ARGS=\"--listen\"");
        assertOtherLinesKept(STOCK, out, List.of("#LIBVIRTD_ARGS=\"--listen\""));
        assertThat(ShellVars.apply(out, Map.of("LIBVIRTD_ARGS", "--timeout 120"), List.of()))
                .isEqualTo(out);
    }

    @Test
    void lastActiveAssignmentWinsAndIsEditedKeepingExportAndComment() {
        String content = "export OPTS=\"-d\"\nOTHER=1\nexport OPTS='-d -l' # seed step 8\n";
        String out = ShellVars.apply(content, Map.of("OPTS", ""), List.of());
        assertThat(out).isEqualTo("export OPTS=\"-d\"\nOTHER=1\nexport OPTS=\"\" # seed step 8\n");
        assertThat(ShellVars.effective(out, "OPTS")).contains("");
    }

    @Test
    void quotesSafely() {
        String out = ShellVars.apply("", Map.of("PASS", "a\"b$c`d\\e f"), List.of());
        assertThat(out).isEqualTo("PASS=\"a\\\"b\\$c\\`d\\\\e f\"\n");
        assertThat(ShellVars.effective(out, "PASS")).contains("a\"b$c`d\\e f");
        assertThat(ShellVars.apply(out, Map.of("PASS", "a\"b$c`d\\e f"), List.of()))
                .isEqualTo(out);
    }

    @Test
    void equivalentQuotingIsLeftAlone() {
        assertThat(ShellVars.apply("A=plain\nB='x y'\n", Map.of("A", "plain", "B", "x y"), List.of()))
                .isEqualTo("A=plain\nB='x y'\n");
    }

    @Test
    void unsetRemovesActiveAssignmentsOnlyAndKeepsNoFinalNewline() {
        assertThat(ShellVars.apply("#A=1\nA=2\nB=3\nA=4", Map.of(), List.of("A")))
                .isEqualTo("#A=1\nB=3");
    }
}
