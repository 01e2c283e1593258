package dev.converge.modules.keyvalue;

import static dev.converge.modules.testing.Golden.fixture;
import static dev.converge.modules.testing.Texts.bind;
import static dev.converge.modules.testing.Texts.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.Change;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanFailure;
import dev.converge.testing.FakeFacts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValueModuleTest {
    private static final String PATH = "/etc/libvirt/libvirtd.conf";
    private final KeyValueModule module = new KeyValueModule();

    @Test
    void seedStep7PlansOneWriteWithWarningsThenConverges() {
        KeyValueParams p = bind(
                KeyValueParams.class,
                "{'path':'" + PATH + "','syntax':'libvirt',"
                        + "'set':{'listen_tls':false,'listen_tcp':true,'auth_tcp':'none'}}");
        assertThat(module.validate(p, null)).isEmpty();
        FakeFacts facts = FakeFacts.forModule(module, p).file(PATH, fixture("libvirtd.conf"));
        Change change = module.plan(p, facts);
        assertThat(written(change.operations())).contains("\nlisten_tls = 0\n", "\nlisten_tcp = 1\n");
        assertThat(change.fields())
                .containsExactly(
                        new Change.FieldChange("listen_tls", "", "0"),
                        new Change.FieldChange("listen_tcp", "", "1"),
                        new Change.FieldChange("auth_tcp", "", "\"none\""));
        assertThat(change.warnings()).hasSize(3).anyMatch(w -> w.startsWith("SECURITY: auth_tcp = \"none\""));
        Change again = module.plan(p, facts.afterWrites(change.operations()));
        assertThat(again.changed()).isFalse();
        assertThat(again.warnings()).as("the risk stays visible on a no-op run").hasSize(3);
    }

    @Test
    void wrongTypesForWellKnownKeysAreProblems() {
        KeyValueParams p = new KeyValueParams(
                PATH,
                "libvirt",
                Map.of("listen_tcp", "1", "tcp_port", 16509, "auth_tcp", true, "x", Map.of()),
                List.of("bad-key"),
                null,
                null,
                null,
                null);
        assertThat(module.validate(p, null))
                .extracting(ParamProblem::reason)
                .anyMatch(r -> r.contains("'listen_tcp' takes an integer in libvirt, not a string"))
                .anyMatch(r -> r.contains("'tcp_port' takes a string in libvirt, not an integer"))
                .anyMatch(r -> r.contains("'auth_tcp' takes a string"))
                .anyMatch(r -> r.contains("unsupported value"))
                .anyMatch(r -> r.contains("'bad-key' is not a valid key name"))
                .hasSize(5);
    }

    @Test
    void shellSyntaxRefusesYamlBooleansAndWarnsAboutListen() {
        KeyValueParams bad = new KeyValueParams(
                "/etc/default/libvirtd", "shell", Map.of("start_libvirtd", false), List.of(), null, null, null, null);
        assertThat(module.validate(bad, null))
                .singleElement()
                .extracting(ParamProblem::hint)
                .asString()
                .contains("quote it");
        KeyValueParams p = new KeyValueParams(
                "/etc/default/libvirtd", "shell", Map.of("LIBVIRTD_ARGS", "-d -l"), List.of(), null, null, null, null);
        FakeFacts facts = FakeFacts.forModule(module, p).file("/etc/default/libvirtd", fixture("default-libvirtd"));
        Change change = module.plan(p, facts);
        assertThat(change.warnings()).singleElement().asString().contains("--listen parameter not permitted");
        assertThat(module.plan(p, facts.afterWrites(change.operations())).changed())
                .isFalse();
    }

    @Test
    void secretsAreMaskedInFields() {
        KeyValueParams p = new KeyValueParams(
                "/etc/default/app", "shell", Map.of("DB_PASSWORD", "hunter2"), List.of(), true, null, null, null);
        Change change = module.plan(p, FakeFacts.forModule(module, p));
        assertThat(change.fields()).containsExactly(new Change.FieldChange("DB_PASSWORD", "", "********"));
        assertThat(written(change.operations())).isEqualTo("DB_PASSWORD=\"hunter2\"\n");
    }

    @Test
    void missingFileWithoutCreateFailsLoudly() {
        KeyValueParams p =
                new KeyValueParams(PATH, "libvirt", Map.of("listen_tcp", 1), List.of(), null, null, null, null);
        assertThatThrownBy(() -> module.plan(p, FakeFacts.forModule(module, p)))
                .isInstanceOf(PlanFailure.class)
                .hasMessageContaining("no such file");
    }

    @Test
    void missingParamsAreProblems() {
        assertThat(module.validate(new KeyValueParams(null, "ini", null, null, null, "x", null, null), null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("path", "syntax", "set", "mode");
    }
}
