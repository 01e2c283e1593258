package dev.converge.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.config.RunInputs;
import dev.converge.config.SecretTaint;
import dev.converge.config.Templating;
import dev.converge.diag.SourceLocation;
import dev.converge.model.YamlValue;
import dev.converge.spi.FileInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatConditionsTest {
    private static final Templating TEMPLATING =
            new Templating(List.of(Path.of("templates")), SecretTaint.none(), RunInputs.none());
    private static final SourceLocation AT = new SourceLocation(Path.of("site.yml"), 4, 13);

    private static YamlValue when(String text) {
        return new YamlValue.Scalar(text, false, AT);
    }

    @Test
    void keysAreTheBracketedExpressionsWithQuotedBracketsAndNestingKept() {
        assertThat(
                        StatConditions.keys(
                                "facts.stat[\"/a]b\"].exists && !facts . stat [ dir + '/x' ].isdir || facts.stat[m[\"k\"]].size > 0"))
                .containsExactly("\"/a]b\"", "dir + '/x'", "m[\"k\"]");
        assertThat(StatConditions.keys("facts.init == \"systemd\"")).isEmpty();
        assertThat(StatConditions.keys("facts.stat[\"/x\"")).containsExactly((String) null);
    }

    @Test
    void pathsAreEvaluatedWithTheHostsVariables() {
        var resolved = StatConditions.resolve(
                when("facts.stat[conf_dir + \"/nova.conf\"].exists && facts.stat[\"/etc\"].isdir"),
                Map.of("conf_dir", "/etc/nova"),
                TEMPLATING);
        assertThat(resolved.problems()).isEmpty();
        assertThat(resolved.paths()).containsExactly("/etc/nova/nova.conf", "/etc");
    }

    @Test
    void aPathThatNeedsFactsOrIsRelativeIsAProblemAtTheCondition() {
        var facts = StatConditions.resolve(when("facts.stat[\"/home/\" + facts.user].exists"), Map.of(), TEMPLATING);
        assertThat(facts.paths()).isEmpty();
        assertThat(facts.problems()).singleElement().satisfies(p -> {
            assertThat(p.at()).isEqualTo(AT);
            assertThat(p.reason())
                    .startsWith(
                            "when: the path of facts.stat[\"/home/\" + facts.user] must be known before the host is read");
        });
        var relative = StatConditions.resolve(when("facts.stat[\"etc\"].exists"), Map.of(), TEMPLATING);
        assertThat(relative.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.reason())
                        .isEqualTo("when: facts.stat[\"etc\"] needs an absolute path, got 'etc'"));
    }

    @Test
    void anEntryDescribesTheFileAsGivenAndAnAbsentOne() {
        FileInfo file = new FileInfo(
                "/etc/x", FileInfo.Kind.FILE, "0640", "root", "nova", "abc\n".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> stats = StatConditions.stats(
                new LinkedHashSet<>(List.of("/etc/x", "/nope")), p -> p.equals("/etc/x") ? file : null);
        assertThat(stats.get("/etc/x"))
                .isEqualTo(Map.of(
                        "exists",
                        true,
                        "isdir",
                        false,
                        "isfile",
                        true,
                        "islink",
                        false,
                        "mode",
                        "0640",
                        "owner",
                        "root",
                        "group",
                        "nova",
                        "size",
                        4L,
                        "sha256",
                        "edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb"));
        assertThat(stats.get("/nope"))
                .isEqualTo(Map.of(
                        "exists", false, "isdir", false, "isfile", false, "islink", false, "mode", "", "owner", "",
                        "group", "", "size", 0L, "sha256", ""));
    }
}
