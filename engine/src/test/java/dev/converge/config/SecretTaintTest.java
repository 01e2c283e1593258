package dev.converge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strings rendered from a secret through built-ins are recorded as secrets; others are not. */
class SecretTaintTest {
    private static final String PASS = "p@ss/w0rd Ω";

    @TempDir
    Path dir;

    private final Map<String, Object> model = Map.of(
            "db_pass",
            PASS,
            "canary",
            "declared-canary",
            "user",
            "nova",
            "vaulted",
            "from-the-vault",
            "hostvars",
            Map.of("h1", Map.of("admin_token", "tok-h1-value")));

    private SecretTaint taint() {
        return new SecretTaint(List.of("canary"), List.of("from-the-vault"));
    }

    @Test
    void builtInsOfASecretAreRecordedAndPlainInterpolationsAreNot() throws Exception {
        SecretTaint taint = taint();
        Templating t = new Templating(List.of(dir), taint, RunInputs.none());
        String url =
                t.renderString("mysql+pymysql://${user}:${db_pass?url('UTF-8')}@db/nova?x=${canary?upper_case}", model);
        assertThat(url).isEqualTo("mysql+pymysql://nova:p%40ss%2Fw0rd%20%CE%A9@db/nova?x=DECLARED-CANARY");
        t.renderString(
                "${db_pass?replace('@', 'at')} ${vaulted?cap_first} ${hostvars.h1.admin_token?keep_after('-')} ${user?upper_case}",
                model);
        assertThat(taint.derived())
                .containsExactlyInAnyOrder(
                        "p%40ss%2Fw0rd%20%CE%A9", "DECLARED-CANARY", "patss/w0rd Ω", "From-the-vault", "h1-value")
                .doesNotContain("nova", "NOVA");
    }

    @Test
    void aLoneExpressionAndAnAssignmentAreRecordedToo() throws Exception {
        SecretTaint taint = taint();
        Templating t = new Templating(List.of(dir), taint, RunInputs.none());
        assertThat(t.render("${db_pass?length + 1}", model)).hasToString("12");
        assertThat(t.render("${db_pass?lower_case}", model)).isEqualTo("p@ss/w0rd ω");
        t.renderString("<#assign hidden = canary?replace('-', '+')>${user}", model);
        assertThat(taint.derived()).contains("12", "p@ss/w0rd ω", "declared+canary");
    }

    @Test
    void templateFilesAndMacrosAreTracked() throws Exception {
        Files.writeString(dir.resolve("nova.conf.ftl"), """
                <#macro shout v>${v?upper_case}</#macro>
                [database]
                user = ${user}
                password = <@shout db_pass/>
                """);
        SecretTaint taint = taint();
        String out = new Templating(List.of(dir), taint, RunInputs.none()).renderFile("nova.conf.ftl", model);
        assertThat(out).contains("user = nova", "password = P@SS/W0RD Ω");
        assertThat(taint.derived()).contains("P@SS/W0RD Ω").doesNotContain("nova");
    }

    @Test
    void outputIsUnchangedByTheTrackingWriterAndLegacyEscapesStillWork() throws Exception {
        Templating t = new Templating(List.of(dir), taint(), RunInputs.none());
        assertThat(t.renderString("<a href=\"${user}\">&amp; ${'<b>'}</a>", model))
                .isEqualTo("<a href=\"nova\">&amp; <b></a>");
        assertThat(t.renderString("${'<b>'?html} ${'a\"b'?js_string} ${'<x/>'?xml}", model))
                .isEqualTo("&lt;b&gt; a\\\"b &lt;x/&gt;");
    }
}
