package dev.converge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookupsTest {
    @TempDir
    Path dir;

    @Test
    void envAndFileLookupsInBothSpellings() throws Exception {
        Files.writeString(dir.resolve("db.pass"), "from-a-file\n");
        Map<String, String> environment = Map.of("PATH", "/opt/bin:/usr/bin");
        Templating t = new Templating(
                List.of(dir.resolve("templates")), SecretTaint.none(), RunInputs.of(List.of(), environment::get));
        assertThat(t.renderString("${env('PATH')}|${lookup('env', 'PATH')}", Map.of()))
                .as("the run's environment, as the CLI gives it")
                .isEqualTo("/opt/bin:/usr/bin|/opt/bin:/usr/bin");
        assertThat(t.renderString("${env('CONVERGE_SURELY_UNSET_42')!'fallback'}", Map.of()))
                .isEqualTo("fallback");
        assertThat(t.render("${file('db.pass')}", Map.of())).isEqualTo("from-a-file");
        assertThat(t.render("${lookup('file', 'db.pass')?upper_case}", Map.of()))
                .isEqualTo("FROM-A-FILE");
    }

    @Test
    void aMissingFileOrAnUnknownLookupIsAClearError() {
        Templating t = new Templating(List.of(dir.resolve("templates")), SecretTaint.none(), RunInputs.none());
        assertThatThrownBy(() -> t.render("${file('nope.txt')}", Map.of()))
                .hasMessageContaining("file(\"nope.txt\"): cannot read " + dir.resolve("nope.txt"));
        assertThatThrownBy(() -> t.render("${lookup('vault', 'x')}", Map.of()))
                .hasMessageContaining("lookup(\"vault\", ...) is not supported");
    }

    @Test
    void aLookupAssignedToASecretVariableIsDerivedSecretThroughBuiltIns() throws Exception {
        Files.writeString(dir.resolve("db.pass"), "from-a-file\n");
        SecretTaint taint = new SecretTaint(List.of("db_pass"), List.of());
        Templating t = new Templating(List.of(dir.resolve("templates")), taint, RunInputs.none());
        Object value = t.render("${file('db.pass')}", Map.of());
        t.renderString("x=${db_pass?upper_case}", Map.of("db_pass", value));
        assertThat(taint.derived()).containsExactly("FROM-A-FILE");
    }
}
